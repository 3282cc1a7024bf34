import { createHashRouter } from 'react-router';
import { AlertsScreen } from '../alerts/alerts-screen';
import { AuditScreen } from '../audit/audit-screen';
import { ReviewsScreen } from '../audit-reviews/reviews-screen';
import { HomeScreen } from '../home/home-screen';
import { RecipeScreen } from '../recipes/recipe-screen';
import { RecipesScreen } from '../recipes/recipes-screen';
import { SecuritySettingsScreen } from '../settings/security-settings-screen';
import { AppShell } from '../shell/app-shell';
import { RequirePermission } from '../shell/require-permission';
import { SystemScreen } from '../system/system-screen';
import { TerminalsScreen } from '../terminals/terminals-screen';
import { UsersScreen } from '../users/users-screen';
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
          path: 'recipes',
          element: (
            <RequirePermission permission="recipes.read">
              <RecipesScreen />
            </RequirePermission>
          ),
        },
        {
          path: 'recipes/:versionId',
          element: (
            <RequirePermission permission="recipes.read">
              <RecipeScreen />
            </RequirePermission>
          ),
        },
        {
          path: 'users',
          element: (
            <RequirePermission permission="users.manage">
              <UsersScreen />
            </RequirePermission>
          ),
        },
        {
          path: 'terminals',
          element: (
            <RequirePermission permission="terminals.manage">
              <TerminalsScreen />
            </RequirePermission>
          ),
        },
        {
          path: 'security-settings',
          element: (
            <RequirePermission permission="settings.manage">
              <SecuritySettingsScreen />
            </RequirePermission>
          ),
        },
        {
          path: 'security-alerts',
          element: (
            <RequirePermission permission="alerts.manage">
              <AlertsScreen />
            </RequirePermission>
          ),
        },
        {
          path: 'audit',
          element: (
            <RequirePermission permission="audit.read">
              <AuditScreen />
            </RequirePermission>
          ),
        },
        {
          path: 'audit-reviews',
          element: (
            <RequirePermission permission="audit.read">
              <ReviewsScreen />
            </RequirePermission>
          ),
        },
        { path: '*', element: <HomeScreen /> },
      ],
    },
  ]);
}
