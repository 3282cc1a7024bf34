import { createHashRouter } from 'react-router';
import { AlertsScreen } from '../alerts/alerts-screen';
import { AuditScreen } from '../audit/audit-screen';
import { ReviewsScreen } from '../audit-reviews/reviews-screen';
import { BatchScreen } from '../batches/batch-screen';
import { BatchesScreen } from '../batches/batches-screen';
import { ExceptionsScreen } from '../batches/exceptions-screen';
import { BackupScreen } from '../backup/backup-screen';
import { HomeScreen } from '../home/home-screen';
import { InstrumentsScreen } from '../instruments/instruments-screen';
import { EquipmentScreen } from '../equipment/equipment-screen';
import { GenealogyScreen } from '../materials/genealogy-screen';
import { MaterialsScreen } from '../materials/materials-screen';
import { RecipeScreen } from '../recipes/recipe-screen';
import { RecipesScreen } from '../recipes/recipes-screen';
import { ExportsScreen } from '../records/exports-screen';
import { VerifyPackageScreen } from '../records/verify-package-screen';
import { ReviewQueueScreen } from '../review/review-queue-screen';
import { ReviewScreen } from '../review/review-screen';
import { SecuritySettingsScreen } from '../settings/security-settings-screen';
import { AppShell } from '../shell/app-shell';
import { RequirePermission } from '../shell/require-permission';
import { SystemScreen } from '../system/system-screen';
import { TerminalsScreen } from '../terminals/terminals-screen';
import { UsersScreen } from '../users/users-screen';
import { PersonTrainingScreen } from '../qualification/person-training-screen';
import { TrainingScreen } from '../qualification/training-screen';
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
          path: 'batches',
          element: (
            <RequirePermission permission="batches.read">
              <BatchesScreen />
            </RequirePermission>
          ),
        },
        {
          path: 'batches/:batchId',
          element: (
            <RequirePermission permission="batches.read">
              <BatchScreen />
            </RequirePermission>
          ),
        },
        {
          path: 'exceptions',
          element: (
            <RequirePermission permission="batches.supervise">
              <ExceptionsScreen />
            </RequirePermission>
          ),
        },
        {
          path: 'review',
          element: (
            <RequirePermission permission="batches.review">
              <ReviewQueueScreen />
            </RequirePermission>
          ),
        },
        {
          path: 'review/:batchId',
          element: (
            <RequirePermission permission="batches.review">
              <ReviewScreen />
            </RequirePermission>
          ),
        },
        {
          path: 'materials',
          element: (
            <RequirePermission permission="materials.read">
              <MaterialsScreen />
            </RequirePermission>
          ),
        },
        {
          path: 'genealogy',
          element: (
            <RequirePermission permission="materials.read">
              <GenealogyScreen />
            </RequirePermission>
          ),
        },
        {
          path: 'training',
          element: (
            <RequirePermission permission="training.read">
              <TrainingScreen />
            </RequirePermission>
          ),
        },
        {
          path: 'training/people/:userId',
          element: (
            <RequirePermission permission="training.read">
              <PersonTrainingScreen />
            </RequirePermission>
          ),
        },
        {
          path: 'equipment',
          element: (
            <RequirePermission permission="equipment.read">
              <EquipmentScreen />
            </RequirePermission>
          ),
        },
        {
          path: 'instruments',
          element: (
            <RequirePermission permission="instruments.read">
              <InstrumentsScreen />
            </RequirePermission>
          ),
        },
        {
          path: 'backup',
          element: (
            <RequirePermission permission="backup.run">
              <BackupScreen />
            </RequirePermission>
          ),
        },
        {
          path: 'exports',
          element: (
            <RequirePermission permission="exports.write">
              <ExportsScreen />
            </RequirePermission>
          ),
        },
        {
          path: 'exports/verify',
          element: (
            <RequirePermission permission="exports.verify">
              <VerifyPackageScreen />
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
