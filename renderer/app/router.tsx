import type { ReactNode } from 'react';
import { createHashRouter, Navigate } from 'react-router-dom';
import type { MethodName } from '../../shared/contract';
import { Layout } from './layout';
import { MODULES, mayCall, showsModule } from './navigation';
import { selectUser, useAppSelector } from './store';
import { HomePage } from '../features/home/HomePage';
import { ModuleNotAvailable, type ModuleKey } from '../features/modules/ModuleNotAvailable';
import { UsersPage } from '../features/users/UsersPage';
import { AuditPage } from '../features/audit/AuditPage';
import { WorkspaceSettingsPage } from '../features/settings/WorkspaceSettingsPage';
import { AccountPage } from '../features/settings/AccountPage';
import { ExchangePage } from '../features/exchange/ExchangePage';
import { CasesRoutes } from '../features/cases/CasesRoutes';
import { WorkplansRoutes } from '../features/workplans/WorkplansRoutes';

/**
 * A page built on a method the signed-in role may not call is not shown: the address (kept across a
 * lock, or typed) falls back to the home page. The core refuses the call anyway.
 */
function RequireAccess({ method, children }: { method: MethodName; children: ReactNode }) {
  const user = useAppSelector(selectUser);
  if (!user || !mayCall(user.role, method)) return <Navigate to="/" replace />;
  return <>{children}</>;
}

/** A module page, for the roles whose navigation shows it. */
function ModuleRoute({ module }: { module: ModuleKey }) {
  const user = useAppSelector(selectUser);
  const entry = MODULES.find((m) => m.key === module);
  if (!user || !entry || !showsModule(user.role, entry)) return <Navigate to="/" replace />;
  return <ModuleNotAvailable module={module} />;
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
        { path: 'reports', element: <ModuleRoute module="reports" /> },
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
