/** Time shown on the shop floor: 24-hour clock, ISO dates, the UTC instant always beside local time. */

function safeTimeZone(timeZone: string | undefined): string | undefined {
  if (!timeZone) return undefined;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}

function parts(date: Date, timeZone: string | undefined) {
  const formatter = new Intl.DateTimeFormat('en-GB', {
    timeZone: safeTimeZone(timeZone),
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  });
  const byType = Object.fromEntries(formatter.formatToParts(date).map((part) => [part.type, part.value]));
  return {
    date: `${byType.year}-${byType.month}-${byType.day}`,
    time: `${byType.hour}:${byType.minute}:${byType.second}`,
    zone: byType.timeZoneName ?? '',
  };
}

export function localClockParts(date: Date, timeZone?: string) {
  return parts(date, timeZone);
}

export function utcClockParts(date: Date) {
  const { date: day, time } = parts(date, 'UTC');
  return { date: day, time, zone: 'UTC' };
}

/** `2026-03-04T05:06:07.123Z` → `2026-03-04 05:06:07 UTC`. Unparseable text is shown as given. */
export function formatUtcInstant(isoUtc: string): string {
  const date = new Date(isoUtc);
  if (Number.isNaN(date.getTime())) return isoUtc;
  const { date: day, time } = utcClockParts(date);
  return `${day} ${time} UTC`;
}
