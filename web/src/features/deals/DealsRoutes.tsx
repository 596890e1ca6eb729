import { Route, Routes } from 'react-router';
import type { Me } from '../../api/types';
import { DealPage } from './DealPage';
import { DealsPage } from './DealsPage';

export function DealsRoutes({ me }: { me: Me }) {
  return (
    <Routes>
      <Route index element={<DealsPage me={me} />} />
      <Route path=":id" element={<DealPage me={me} />} />
    </Routes>
  );
}
