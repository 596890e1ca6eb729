import { Stack, Tabs, Title } from '@mantine/core';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { can } from '../../api/permissions';
import type { Me } from '../../api/types';
import { ImportsPage } from '../imports/ImportsPage';
import { WebhooksSettings } from '../webhooks/WebhooksSettings';
import { AccountSettings } from './AccountSettings';
import { ApiKeysSettings } from './ApiKeysSettings';
import { AuditLog } from './AuditLog';
import { InterestingMomentsSettings } from './InterestingMomentsSettings';
import { LiveEventsSettings } from './LiveEventsSettings';
import { PropertiesSettings } from './PropertiesSettings';
import { RejectionReasonsSettings } from './RejectionReasonsSettings';
import { TeamsSettings } from './TeamsSettings';
import { TrackingSettings } from './TrackingSettings';
import { UsersSettings } from './UsersSettings';

export function SettingsPage({ me }: { me: Me }) {
  const location = useLocation();
  const navigate = useNavigate();
  const isAdmin = me.role === 'admin';
  const canTrack = isAdmin || me.role === 'marketing';
  const canEditProperties = can(me.role, 'editProperties');
  const canEditReasons = can(me.role, 'editRejectionReasons');
  const tabs = [
    { value: 'account', label: 'Account', show: me.principal === 'user' },
    { value: 'users', label: 'Users', show: isAdmin },
    { value: 'teams', label: 'Teams', show: true },
    { value: 'api-keys', label: 'API keys', show: isAdmin },
    { value: 'tracking', label: 'Tracking', show: canTrack },
    { value: 'webhooks', label: 'Webhooks', show: isAdmin },
    { value: 'live', label: 'Live events', show: canTrack },
    { value: 'properties', label: 'Properties', show: canEditProperties },
    { value: 'moments', label: 'Interesting moments', show: canTrack },
    { value: 'rejection-reasons', label: 'Rejection reasons', show: canEditReasons },
    { value: 'import', label: 'Import and export', show: me.principal === 'user' },
    { value: 'audit', label: 'Audit log', show: isAdmin },
  ].filter((tab) => tab.show);
  const current = location.pathname.split('/')[2] ?? '';
  const fallback = tabs[0]?.value ?? 'teams';

  return (
    <Stack gap="md" maw={1100}>
      <Title order={2}>Settings</Title>
      <Tabs value={current || fallback} onChange={(value) => value && navigate(`/settings/${value}`)}>
        <Tabs.List>
          {tabs.map((tab) => (
            <Tabs.Tab key={tab.value} value={tab.value}>
              {tab.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Routes>
        <Route index element={<Navigate to={`/settings/${fallback}`} replace />} />
        <Route path="account" element={<AccountSettings me={me} />} />
        <Route path="teams" element={<TeamsSettings me={me} />} />
        {isAdmin && <Route path="users" element={<UsersSettings me={me} />} />}
        {isAdmin && <Route path="api-keys" element={<ApiKeysSettings />} />}
        {canTrack && <Route path="tracking" element={<TrackingSettings me={me} />} />}
        {isAdmin && <Route path="webhooks" element={<WebhooksSettings />} />}
        {canTrack && <Route path="live" element={<LiveEventsSettings />} />}
        {canTrack && <Route path="moments" element={<InterestingMomentsSettings />} />}
        {canEditProperties && <Route path="properties" element={<PropertiesSettings />} />}
        {canEditReasons && <Route path="rejection-reasons" element={<RejectionReasonsSettings />} />}
        {me.principal === 'user' && <Route path="import" element={<ImportsPage me={me} />} />}
        {isAdmin && <Route path="audit" element={<AuditLog />} />}
        <Route path="*" element={<Navigate to={`/settings/${fallback}`} replace />} />
      </Routes>
    </Stack>
  );
}
