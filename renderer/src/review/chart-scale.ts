/** Tick steps that read as hours: half hours up to weeks. */
const HOUR_STEPS = [0.25, 0.5, 1, 2, 3, 4, 6, 8, 12, 24, 48, 72, 168, 336, 720];

/** Axis ticks from 0 to at least `max`, about `count` of them, on steps people count hours in. */
export function hourTicks(max: number, count = 6): number[] {
  const top = Math.max(max, 1);
  const rough = top / count;
  const step = HOUR_STEPS.find((candidate) => candidate >= rough) ?? Math.ceil(rough / 720) * 720;
  const ticks: number[] = [];
  for (let tick = 0; tick < top + step - 1e-9; tick += step) ticks.push(Number(tick.toFixed(2)));
  return ticks;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A tick label: "6", "0.5", "0.25". */
export function tickLabel(hours: number): string {
  return String(Number(hours.toFixed(2)));
}
