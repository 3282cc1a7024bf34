import { useEffect, useState } from 'react';
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
  const local = localClockParts(now, timeZone);
  const utc = utcClockParts(now);
  return (
    <div className="clock" aria-label="Clock">
      <div className="clock__local">
        <span className="clock__time" data-testid="local-clock">
          {local.time}
        </span>
        <span className="clock__meta">
          <span className="clock__caption">Local</span> · {local.date}{' '}
          <abbr title={timeZone}>{local.zone}</abbr>
        </span>
      </div>
      <div className="clock__utc">
        <span className="clock__time clock__time--utc" data-testid="utc-clock">
          {utc.time}
        </span>
        <span className="clock__meta">
          <span className="clock__caption">UTC</span> · {utc.date}
        </span>
      </div>
    </div>
  );
}
