/**
 * Small shared helpers for the benchmarks: timing with process.hrtime.bigint(), and p50 / p99 / mean
 * over arrays of durations. Durations are kept in nanoseconds (bigint) while measuring and reported
 * in milliseconds (number).
 */

/** One row of the printed table: benchmark | measure | value | unit. */
export interface BenchRow {
  measure: string;
  value: number;
  unit: string;
}

/** A headline ratio, printed as `RATIO <label>: <value>x`. */
export interface BenchRatio {
  label: string;
  value: number;
}

export interface BenchResult {
  name: string;
  /** One line on what is compared and how. */
  description: string;
  rows: BenchRow[];
  ratios: BenchRatio[];
  /** Raw numbers (durations in ms, counts, settings) for results.json. */
  raw: Record<string, unknown>;
}

export interface Benchmark {
  name: string;
  run(): Promise<BenchResult>;
}

export const now = (): bigint => process.hrtime.bigint();

export const nsToMs = (ns: bigint): number => Number(ns) / 1e6;

/** Runs `fn` once and returns how long it took, in nanoseconds. */
export function timeNs(fn: () => unknown): bigint {
  const start = now();
  fn();
  return now() - start;
}

/**
 * Times two operations N times each after a warm-up, alternating which goes first so that disk
 * and cache effects fall on both alike. Returns [first's durations, second's durations].
 */
export function timeInterleaved(
  first: () => unknown,
  second: () => unknown,
  warmUp: number,
  n: number,
): [bigint[], bigint[]] {
  for (let i = 0; i < warmUp; i++) {
    first();
    second();
  }
  const firstNs: bigint[] = [];
  const secondNs: bigint[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) {
      firstNs.push(timeNs(first));
      secondNs.push(timeNs(second));
    } else {
      secondNs.push(timeNs(second));
      firstNs.push(timeNs(first));
    }
  }
  return [firstNs, secondNs];
}

/** Nearest-rank percentile (p in 0..100) of values already sorted ascending. */
export function percentile(sortedAscending: readonly number[], p: number): number {
  if (sortedAscending.length === 0) throw new Error('percentile of an empty sample');
  const rank = Math.ceil((p / 100) * sortedAscending.length);
  return sortedAscending[Math.min(sortedAscending.length, Math.max(1, rank)) - 1]!;
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new Error('mean of an empty sample');
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

export interface Summary {
  n: number;
  mean: number;
  p50: number;
  p99: number;
  min: number;
  max: number;
}

/** Summary in milliseconds of durations measured in nanoseconds. */
export function summarize(durationsNs: readonly bigint[]): Summary {
  const ms = durationsNs.map(nsToMs).sort((a, b) => a - b);
  return {
    n: ms.length,
    mean: mean(ms),
    p50: percentile(ms, 50),
    p99: percentile(ms, 99),
    min: ms[0]!,
    max: ms[ms.length - 1]!,
  };
}

/** Durations in ms rounded to the microsecond, for results.json. */
export const rawMs = (durationsNs: readonly bigint[]): number[] =>
  durationsNs.map((ns) => Math.round(nsToMs(ns) * 1000) / 1000);

/** Deterministic PRNG (mulberry32) so that both sides of a comparison see the same sequence. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Human formatting for the table: about three significant digits, thousands kept whole. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 1000 || Number.isInteger(value)) return Math.round(value).toLocaleString('en-US');
  if (magnitude >= 100) return value.toFixed(1);
  if (magnitude >= 1) return value.toFixed(2);
  if (magnitude === 0) return '0';
  return value.toPrecision(3);
}
