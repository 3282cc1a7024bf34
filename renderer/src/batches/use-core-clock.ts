import { useEffect, useState } from 'react';
import { call } from '../ipc/client';

const SYNC_INTERVAL_MS = 1000;

/**
 * "Now" by the workstation core's clock — the one every record is stamped with — for timers.
 * Read through `system.health`, a public call the core does not count as activity, so a screen
 * left showing a running timer still locks after the inactivity timeout. Between answers the
 * screen's own clock fills in. Null until the first answer.
 */
export function useCoreClock(active: boolean): number | null {
  const [offsetMs, setOffsetMs] = useState<number | null>(null);
  const [, setTick] = useState(0);

  useEffect(() => {
    if (!active) return;
    let current = true;
    const sync = () => {
      const askedAt = Date.now();
      call('system.health', {}).then(
        (health) => {
          if (!current) return;
          const coreNow = Date.parse(health.checkedAtUtc);
          if (Number.isNaN(coreNow)) return;
          // The answer was made somewhere between asking and receiving: take the middle.
          const receivedAt = Date.now();
          setOffsetMs(coreNow - (askedAt + receivedAt) / 2);
          setTick((n) => n + 1);
        },
        () => undefined,
      );
    };
    sync();
    const timer = setInterval(sync, SYNC_INTERVAL_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [active]);

  return offsetMs === null ? null : Date.now() + offsetMs;
}
