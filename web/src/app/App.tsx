import { Center, Loader } from '@mantine/core';
import { Navigate, Route, Routes } from 'react-router';
import { useMe } from '../api/session';
import { AreaPage } from '../features/areas/AreaPage';
import { areas } from '../features/areas/areas';
import { LoginPage } from '../features/auth/LoginPage';
import { CompaniesRoutes } from '../features/companies/CompaniesRoutes';
import { DealsRoutes } from '../features/deals/DealsRoutes';
import { FormsPage } from '../features/forms/FormsPage';
import { HomePage } from '../features/home/HomePage';
import { LeadsRoutes } from '../features/leads/LeadsRoutes';
import { QueuePage } from '../features/queue/QueuePage';
import { RoutingPage } from '../features/routing/RoutingPage';
import { ScoringPage } from '../features/scoring/ScoringPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { Shell } from './Shell';

export function App() {
  const me = useMe();
  if (me.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  if (!me.data) return <LoginPage />;
  return (
    <Shell me={me.data}>
      <Routes>
        {/* A rep's home is their queue: the leads to call now. */}
        <Route
          path="/"
          element={me.data.role === 'sales_rep' ? <Navigate to="/queue" replace /> : <HomePage me={me.data} />}
        />
        <Route path="/leads/*" element={<LeadsRoutes me={me.data} />} />
        <Route path="/queue" element={<QueuePage me={me.data} />} />
        <Route path="/companies/*" element={<CompaniesRoutes me={me.data} />} />
        <Route path="/deals/*" element={<DealsRoutes me={me.data} />} />
        <Route path="/scoring/*" element={<ScoringPage me={me.data} />} />
        <Route path="/routing/*" element={<RoutingPage me={me.data} />} />
        <Route path="/forms/*" element={<FormsPage />} />
        {areas
          .filter((area) => !area.built)
          .map((area) => (
            <Route key={area.path} path={`${area.path}/*`} element={<AreaPage area={area} />} />
          ))}
        <Route path="/settings/*" element={<SettingsPage me={me.data} />} />
        <Route path="/login" element={<Navigate to="/" replace />} />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </Shell>
  );
}
