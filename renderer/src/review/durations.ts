const MINUTE_MS = 60_000;

/** A waiting time people read at a glance: "45 min", "2 h 05 min", "3 d 4 h". */
export function formatDuration(milliseconds: number): string {
  const minutes = Math.max(0, Math.floor(milliseconds / MINUTE_MS));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** Hours with one decimal, as the release-time chart shows them: "6.5 h". */
export function formatHours(hours: number): string {
  return `${hours.toFixed(1)} h`;
}
