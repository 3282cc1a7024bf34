import { zonedTime } from '../format/zoned-time';

/** An instant in the terminal's zone, date above time and zone, so table columns stay narrow. */
export function LocalStamp({ iso, timeZone }: { iso: string; timeZone: string }) {
  const zoned = zonedTime(iso, timeZone) ?? zonedTime(iso, 'UTC');
  if (!zoned) return <span className="table__time">{iso}</span>;
  return (
    <span className="table__time table__stack">
      <span>{zoned.date}</span>
      <span>
        {zoned.time.slice(0, 5)} {zoned.zoneName}
      </span>
    </span>
  );
}
