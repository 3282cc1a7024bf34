import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localClockParts, utcClockParts } from '../format/time';

function useNow(intervalMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** Local time of the terminal's zone and the UTC time records are stamped with, side by side. */
export function LiveClock({ timeZone }: { timeZone: string }) {
  const now = useNow(250);
  const { t } = useTranslation('shell');
  const local = localClockParts(now, timeZone);
  const utc = utcClockParts(now);
  return (
    <div className="clock" aria-label={t('clock')}>
      <div className="clock__local">
        <span className="clock__time" data-testid="local-clock">
          {local.time}
        </span>
        <span className="clock__meta">
          <span className="clock__caption">{t('local')}</span> · {local.date}{' '}
          <abbr title={timeZone}>{local.zone}</abbr>
        </span>
      </div>
      <div className="clock__utc">
        <span className="clock__time clock__time--utc" data-testid="utc-clock">
          {utc.time}
        </span>
        <span className="clock__meta">
          <span className="clock__caption">{t('utc')}</span> · {utc.date}
        </span>
      </div>
    </div>
  );
}
