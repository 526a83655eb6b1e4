import type { ReactNode } from 'react';
import { createHashRouter, Navigate } from 'react-router-dom';
import type { MethodName } from '../../shared/contract';
import { Layout } from './layout';
import { mayCall } from './navigation';
import { selectUser, useAppSelector } from './store';
import { HomePage } from '../features/home/HomePage';
import { UsersPage } from '../features/users/UsersPage';
import { AuditPage } from '../features/audit/AuditPage';
import { WorkspaceSettingsPage } from '../features/settings/WorkspaceSettingsPage';
import { AccountPage } from '../features/settings/AccountPage';
import { ExchangePage } from '../features/exchange/ExchangePage';
import { CasesRoutes } from '../features/cases/CasesRoutes';
import { WorkplansRoutes } from '../features/workplans/WorkplansRoutes';
import { ReportsPage } from '../features/reports/ReportsPage';

/**
 * A page built on a method the signed-in role may not call is not shown: the address (kept across a
 * lock, or typed) falls back to the home page. The core refuses the call anyway.
 */
function RequireAccess({ method, children }: { method: MethodName; children: ReactNode }) {
  const user = useAppSelector(selectUser);
  if (!user || !mayCall(user.role, method)) return <Navigate to="/" replace />;
  return <>{children}</>;
}

/**
 * Hash routing: the app is a single file under app:// or the loopback host, and the address survives
 * a reload (the page shown before a reload is shown after it).
 */
export function createAppRouter() {
  return createHashRouter([
    {
      path: '/',
      element: <Layout />,
      children: [
        { index: true, element: <HomePage /> },
        { path: 'cases/*', element: <CasesRoutes /> },
        { path: 'workplans/*', element: <WorkplansRoutes /> },
        {
          path: 'reports',
          element: (
            <RequireAccess method="reports.demographics">
              <ReportsPage />
            </RequireAccess>
          ),
        },
        {
          path: 'exchange/*',
          element: (
            <RequireAccess method="partners.list">
              <ExchangePage />
            </RequireAccess>
          ),
        },
        { path: 'account', element: <AccountPage /> },
        {
          path: 'admin/users',
          element: (
            <RequireAccess method="users.list">
              <UsersPage />
            </RequireAccess>
          ),
        },
        {
          path: 'admin/audit',
          element: (
            <RequireAccess method="audit.list">
              <AuditPage />
            </RequireAccess>
          ),
        },
        {
          path: 'admin/settings',
          element: (
            <RequireAccess method="settings.update">
              <WorkspaceSettingsPage />
            </RequireAccess>
          ),
        },
        { path: '*', element: <Navigate to="/" replace /> },
      ],
    },
  ]);
}
