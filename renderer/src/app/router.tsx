import { createHashRouter } from 'react-router';
import { AuditScreen } from '../audit/audit-screen';
import { HomeScreen } from '../home/home-screen';
import { AppShell } from '../shell/app-shell';
import { RequirePermission } from '../shell/require-permission';
import { SystemScreen } from '../system/system-screen';
import { RouteError } from './route-error';

/** Hash routing: works the same under the packaged `app://` protocol and under `http://` in tests. */
export function createWorkstationRouter() {
  return createHashRouter([
    {
      path: '/',
      element: <AppShell />,
      errorElement: <RouteError />,
      children: [
        { index: true, element: <HomeScreen /> },
        { path: 'system', element: <SystemScreen /> },
        {
          path: 'audit',
          element: (
            <RequirePermission permission="audit.read">
              <AuditScreen />
            </RequirePermission>
          ),
        },
        { path: '*', element: <HomeScreen /> },
      ],
    },
  ]);
}
