import { Route, Routes } from 'react-router';
import type { Me } from '../../api/types';
import { CompaniesPage } from './CompaniesPage';
import { CompanyPage } from './CompanyPage';

export function CompaniesRoutes({ me }: { me: Me }) {
  return (
    <Routes>
      <Route index element={<CompaniesPage />} />
      <Route path=":id" element={<CompanyPage me={me} />} />
    </Routes>
  );
}
