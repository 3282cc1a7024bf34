import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session-context';

/** Who is working here, and the two ways to leave: lock (keep the session) or sign out. */
export function SessionControls() {
  const { session, lock, signOut } = useSession();
  const [busy, setBusy] = useState(false);
  const { t } = useTranslation('shell');
  const act = (action: () => Promise<void>) => {
    setBusy(true);
    // The gate replaces the shell on success; on failure the session signal (if any) does.
    action().catch(() => setBusy(false));
  };
  return (
    <div className="session-controls">
      <div className="top-bar__user" data-testid="signed-in-user">
        <span className="top-bar__user-name">{session.user.fullName}</span>
        <span className="top-bar__user-meta" data-testid="signed-in-roles">
          {session.user.roles.map((role) => t(`common:roles.${role}`)).join(' · ')}
        </span>
      </div>
      <button
        type="button"
        className="button button--on-dark"
        onClick={() => act(lock)}
        disabled={busy}
        data-testid="lock-button"
      >
        {t('lock')}
      </button>
      <button
        type="button"
        className="button button--on-dark"
        onClick={() => act(signOut)}
        disabled={busy}
        data-testid="sign-out-button"
      >
        {t('signOut')}
      </button>
    </div>
  );
}
