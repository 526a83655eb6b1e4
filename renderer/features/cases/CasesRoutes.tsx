import { Navigate, Route, Routes } from 'react-router-dom';
import { mayCall } from '../../app/navigation';
import { selectUser, useAppSelector } from '../../app/store';
import { CaseFilePage } from './CaseFilePage';
import { CaseSettingsPage } from './CaseSettingsPage';
import { CaseListPage } from './CaseListPage';
import { RegisterPage } from './RegisterPage';

/** /cases/*: the list, registration and one case file. The core checks every call again. */
export function CasesRoutes() {
  const user = useAppSelector(selectUser);
  if (!user || !mayCall(user.role, 'cases.list')) return <Navigate to="/" replace />;
  const staff = mayCall(user.role, 'cases.get');
  const settings = mayCall(user.role, 'caseSettings.update');
  return (
    <Routes>
      <Route index element={<CaseListPage />} />
      <Route path="settings" element={settings ? <CaseSettingsPage /> : <Navigate to="/cases" replace />} />
      <Route path="new" element={staff ? <RegisterPage /> : <Navigate to="/cases" replace />} />
      <Route path=":id" element={staff ? <CaseFilePage /> : <Navigate to="/cases" replace />} />
      <Route path="*" element={<Navigate to="/cases" replace />} />
    </Routes>
  );
}
