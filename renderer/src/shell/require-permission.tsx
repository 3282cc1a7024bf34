import type { ReactNode } from 'react';
import type { Permission } from '../../../shared/permissions';
import { useSignedInUser } from '../session/session-context';
import { Panel } from '../ui/panel';
import { isNavItemVisible } from './nav-items';

/** Hides a screen the user's roles do not grant (a typed address is not a way around the menu). */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const user = useSignedInUser();
  if (isNavItemVisible({ path: '', label: '', permission }, user?.roles ?? null)) return <>{children}</>;
  return (
    <div className="screen">
      <Panel title="Not available" wide>
        <p className="lead" data-testid="not-permitted">
          {user ? 'Your roles do not allow this screen.' : 'Sign in with a role that allows this screen.'}
        </p>
      </Panel>
    </div>
  );
}
