import { Stack, Tabs, Text, Title } from '@mantine/core';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { can } from '../../api/permissions';
import type { Me } from '../../api/types';
import { PersonasPanel } from '../personas/PersonasPanel';
import { CalibrationPanel } from './CalibrationPanel';
import { ModelEditor } from './ModelEditor';

const tabs = [
  { value: 'model', label: 'Model' },
  { value: 'personas', label: 'Personas' },
  { value: 'calibration', label: 'Calibration' },
];

/** The scoring model, the personas it assigns, and how well its scores foretold outcomes. */
export function ScoringPage({ me }: { me: Me }) {
  const location = useLocation();
  const navigate = useNavigate();
  const current = location.pathname.split('/')[2] || 'model';
  const editable = can(me.role, 'editScoring');

  return (
    <Stack gap="md" maw={1100}>
      <div>
        <Title order={2}>Scoring</Title>
        <Text c="dimmed">
          Fit grade from the profile, engagement score from behaviour, and the threshold both teams agreed on.
          {editable ? '' : ' Marketing and admins change the model; you can read it here.'}
        </Text>
      </div>
      <Tabs value={current} onChange={(value) => value && navigate(`/scoring/${value}`)}>
        <Tabs.List>
          {tabs.map((tab) => (
            <Tabs.Tab key={tab.value} value={tab.value}>
              {tab.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Routes>
        <Route index element={<Navigate to="/scoring/model" replace />} />
        <Route path="model" element={<ModelEditor editable={editable} />} />
        <Route path="personas" element={<PersonasPanel editable={editable} />} />
        <Route path="calibration" element={<CalibrationPanel />} />
        <Route path="*" element={<Navigate to="/scoring/model" replace />} />
      </Routes>
    </Stack>
  );
}
