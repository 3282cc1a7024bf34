import { zonedTime } from '../format/zoned-time';

/** `2026-11-02 09:00 CET`: to the minute, in the terminal's zone (UTC when the zone is unknown). */
export function shortLocalTime(isoUtc: string, timeZone: string): string {
  const zoned = zonedTime(isoUtc, timeZone) ?? zonedTime(isoUtc, 'UTC');
  if (!zoned) return isoUtc;
  return `${zoned.date} ${zoned.time.slice(0, 5)} ${zoned.zoneName}`;
}

/** `2026-11-02 09:00` in the terminal's zone, for table cells whose header names the zone. */
export function localMinute(isoUtc: string, timeZone: string): string {
  const zoned = zonedTime(isoUtc, timeZone) ?? zonedTime(isoUtc, 'UTC');
  return zoned ? `${zoned.date} ${zoned.time.slice(0, 5)}` : isoUtc;
}
