import { Stack, Tabs, Text, Title } from '@mantine/core';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import type { Me } from '../../api/types';
import { RepsTab } from './RepsTab';
import { RulesTab } from './RulesTab';
import { SlaBoardTab } from './SlaBoardTab';
import { SlaPoliciesTab } from './SlaPoliciesTab';

const tabs = [
  { value: 'rules', label: 'Rules' },
  { value: 'reps', label: 'Reps and availability' },
  { value: 'sla', label: 'SLA policies' },
  { value: 'board', label: 'SLA board' },
];

/** Who gets which lead, how fast they must answer, and what happens when they do not. */
export function RoutingPage({ me }: { me: Me }) {
  const location = useLocation();
  const navigate = useNavigate();
  const current = location.pathname.split('/')[2] || 'rules';
  return (
    <Stack gap="md" maw={1200}>
      <div>
        <Title order={2}>Routing</Title>
        <Text c="dimmed" size="sm">
          Every lead that becomes sales-ready is routed at once: the first rule that matches and finds an available rep
          wins. The rep’s SLA clock starts at assignment and stops at the first call, email, meeting or status change.
        </Text>
      </div>
      <Tabs value={current} onChange={(value) => value && navigate(`/routing/${value}`)}>
        <Tabs.List>
          {tabs.map((tab) => (
            <Tabs.Tab key={tab.value} value={tab.value}>
              {tab.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Routes>
        <Route index element={<Navigate to="/routing/rules" replace />} />
        <Route path="rules" element={<RulesTab />} />
        <Route path="reps" element={<RepsTab />} />
        <Route path="sla" element={<SlaPoliciesTab me={me} />} />
        <Route path="board" element={<SlaBoardTab />} />
        <Route path="*" element={<Navigate to="/routing/rules" replace />} />
      </Routes>
    </Stack>
  );
}
