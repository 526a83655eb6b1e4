import { Navigate, Route, Routes } from 'react-router-dom';
import { mayCall } from '../../app/navigation';
import { selectUser, useAppSelector } from '../../app/store';
import { PlanPage } from './PlanPage';
import { PlansPage } from './PlansPage';

/** /workplans/*: the plans (with the spreadsheet template and import) and one plan's screens. */
export function WorkplansRoutes() {
  const user = useAppSelector(selectUser);
  if (!user || !mayCall(user.role, 'plans.list')) return <Navigate to="/" replace />;
  return (
    <Routes>
      <Route index element={<PlansPage />} />
      <Route path=":planId/*" element={<PlanPage />} />
      <Route path="*" element={<Navigate to="/workplans" replace />} />
    </Routes>
  );
}
