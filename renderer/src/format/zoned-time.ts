/** An instant in a named IANA zone, for signatures: the zone they were made in, not this screen's. */
export interface ZonedTime {
  date: string;
  time: string;
  /** Short name of the zone at that instant (CET, CEST, GMT+1…). */
  zoneName: string;
  /** The IANA zone (Europe/Berlin). */
  timeZone: string;
}

/** Null when the instant cannot be read or the zone is not one Intl knows (then show UTC only). */
export function zonedTime(isoUtc: string, timeZone: string): ZonedTime | null {
  const instant = new Date(isoUtc);
  if (Number.isNaN(instant.getTime())) return null;
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
  } catch {
    return null;
  }
  const byType = Object.fromEntries(formatter.formatToParts(instant).map((part) => [part.type, part.value]));
  return {
    date: `${byType.year}-${byType.month}-${byType.day}`,
    time: `${byType.hour}:${byType.minute}:${byType.second}`,
    zoneName: byType.timeZoneName ?? timeZone,
    timeZone,
  };
}

/** `2026-11-02 09:00:05 CET (Europe/Berlin)`. */
export function formatZoned(zoned: ZonedTime): string {
  const zone = zoned.zoneName === zoned.timeZone ? zoned.zoneName : `${zoned.zoneName} (${zoned.timeZone})`;
  return `${zoned.date} ${zoned.time} ${zone}`;
}
