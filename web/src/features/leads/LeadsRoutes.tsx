import { Route, Routes } from 'react-router';
import type { Me } from '../../api/types';
import { LeadRecordPage } from './LeadRecordPage';
import { LeadsPage } from './LeadsPage';

export function LeadsRoutes({ me }: { me: Me }) {
  return (
    <Routes>
      <Route index element={<LeadsPage me={me} />} />
      <Route path=":id" element={<LeadRecordPage me={me} />} />
    </Routes>
  );
}
