import { Stack, Tabs, Text, Title } from '@mantine/core';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { contentTabs } from '../content';
import { FormBuilder } from './FormBuilder';
import { FormsList } from './FormsList';
import { SubmissionsTab } from './SubmissionsTab';

const ownTabs = [
  { value: 'list', label: 'Forms' },
  { value: 'submissions', label: 'Submissions' },
  { value: 'spam', label: 'Spam' },
];

/** Forms, their submissions and spam folder, and (from the content area) offers, pages, CTAs and the funnel. */
export function FormsPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const segment = location.pathname.split('/')[2] || 'list';
  const current = segment === 'new' || /^[0-9a-f-]{36}$/.test(segment) ? 'list' : segment;
  return (
    <Stack gap="md" maw={1200}>
      <div>
        <Title order={2}>Forms</Title>
        <Text c="dimmed" size="sm">
          Forms that turn visitors into leads: embed one on any site, or link to its hosted page. Every submission is
          stored before anything else happens to it, and spam is kept in its own folder, never dropped.
        </Text>
      </div>
      <Tabs value={current} onChange={(value) => value && navigate(`/forms/${value}`)}>
        <Tabs.List>
          {[...ownTabs, ...contentTabs].map((tab) => (
            <Tabs.Tab key={tab.value} value={tab.value}>
              {tab.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Routes>
        <Route index element={<Navigate to="/forms/list" replace />} />
        <Route path="list" element={<FormsList />} />
        <Route path="new" element={<FormBuilder />} />
        <Route path="submissions" element={<SubmissionsTab spam={false} />} />
        <Route path="spam" element={<SubmissionsTab spam />} />
        {contentTabs.map((tab) => (
          <Route key={tab.value} path={`${tab.value}/*`} element={tab.element} />
        ))}
        <Route path=":formId" element={<FormBuilder />} />
        <Route path="*" element={<Navigate to="/forms/list" replace />} />
      </Routes>
    </Stack>
  );
}
