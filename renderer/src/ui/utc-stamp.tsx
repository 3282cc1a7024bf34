import { utcClockParts } from '../format/time';

/** A UTC instant in a table cell: date above time, so columns stay narrow. */
export function UtcStamp({ iso }: { iso: string }) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return <span className="table__time">{iso}</span>;
  const { date: day, time } = utcClockParts(date);
  return (
    <span className="table__time table__stack">
      <span>{day}</span>
      <span>{time} UTC</span>
    </span>
  );
}
