import { zonedTime } from '../format/zoned-time';

/** `2026-11-02 09:00 CET`: to the minute, in the terminal's zone (UTC when the zone is unknown). */
export function localMinuteWithZone(isoUtc: string, timeZone: string): string {
  const zoned = zonedTime(isoUtc, timeZone) ?? zonedTime(isoUtc, 'UTC');
  if (!zoned) return isoUtc;
  return `${zoned.date} ${zoned.time.slice(0, 5)} ${zoned.zoneName}`;
}
