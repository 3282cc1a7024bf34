import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SecurityAlertEvent } from '../../../shared/contract/events';
import { rolesGrant } from '../../../shared/permissions';
import { onEvent } from '../ipc/client';
import { useSession } from '../session/session-context';

interface AlertCount {
  /** Unacknowledged security alerts, for administrators; always 0 for everyone else. */
  count: number;
  /** The newest alert pushed while this session was open, to quote in the banner. */
  latest: SecurityAlertEvent | null;
  /** The alerts screen reports the count it actually listed. */
  setCount: (count: number) => void;
}

const AlertCountContext = createContext<AlertCount>({ count: 0, latest: null, setCount: () => undefined });

/** Starts from the count the core gave at sign-in; every `security.alert` event adds one (P11-300d). */
export function AlertCountProvider({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const manages = rolesGrant(session.user.roles, 'alerts.manage');
  const [count, setRawCount] = useState(manages ? session.unacknowledgedAlerts : 0);
  const [latest, setLatest] = useState<SecurityAlertEvent | null>(null);

  useEffect(() => {
    if (!manages) return undefined;
    return onEvent('security.alert', (alert) => {
      setLatest(alert);
      setRawCount((shown) => shown + 1);
    });
  }, [manages]);

  const setCount = useCallback((next: number) => {
    setRawCount(next);
    if (next === 0) setLatest(null);
  }, []);
  const value = useMemo(() => ({ count, latest, setCount }), [count, latest, setCount]);
  return <AlertCountContext value={value}>{children}</AlertCountContext>;
}

export function useAlertCount(): AlertCount {
  return useContext(AlertCountContext);
}
