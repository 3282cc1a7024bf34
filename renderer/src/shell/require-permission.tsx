import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../../shared/permissions';
import { useSignedInUser } from '../session/session-context';
import { Panel } from '../ui/panel';
import { isNavItemVisible } from './nav-items';

/** Hides a screen the user's roles do not grant (a typed address is not a way around the menu). */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const user = useSignedInUser();
  const { t } = useTranslation('shell');
  if (isNavItemVisible({ path: '', id: '', permission }, user?.roles ?? null)) return <>{children}</>;
  return (
    <div className="screen">
      <Panel title={t('notAvailable')} wide>
        <p className="lead" data-testid="not-permitted">
          {user ? t('rolesForbid') : t('signInWithRole')}
        </p>
      </Panel>
    </div>
  );
}
