import type { z } from 'zod';

/**
 * Seeded random inputs for a channel, shaped by its zod schema but often wrong: hostile values
 * (wrong types, huge strings, deep nesting, NaN/Infinity/-0, __proto__/constructor keys, ill-formed
 * and exotic Unicode) mixed with plausible ones (known ids, other users' ids, real usernames and
 * passwords) so that many calls get past the gate and reach the services.
 */

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
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

/** Text that round-trips and must be stored and read back exactly as given. */
export const EXOTIC_TEXT = [
  'Größe ± 5 µg bei 25 °C',
  '検査済み ロット 番号',
  'עברית ועוד מילים',
  'العربية نص تجريبي',
  'emoji 😀👍🏽 and ZWJ 👩‍🔬 family',
  'Zalgo z̸̡a̷l̶g̵o̴ text',
  'override \u202Eevil\u202C and isolate \u2066x\u2069 visible',
  'tab\there and\nnew line',
  'zero\u200Bwidth\u200Djoiner and BOM \uFEFF inside',
  'line\u2028separator and noncharacter \uFFFF end',
  'fullwidth ＡＢＣ and math 𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
];

/** Text the gate must refuse. */
export const ILL_FORMED_TEXT = [
  'New\uD800 hire',
  'Line\uDC00 stop',
  '\uDBFFstart',
  'end\uDFFF',
  'reversed pair \uDC00\uD800',
  'NUL\u0000inside',
  'C1\u0085control',
  'CSI\u009B2J',
  'escape\u001B[31mred',
  'carriage\rreturn',
  'delete\u007F',
];

export interface InputPools {
  /** Ids that exist (users, terminals, alerts, …) and some that do not. */
  ids(): readonly string[];
  usernames: readonly string[];
  passwords(): readonly string[];
  /** Absolute paths inside the test's temporary folder only (the tests run as root here). */
  paths: readonly string[];
  /** A base64 recipe file or two (valid, exotic, invalid). */
  recipeFiles: readonly string[];
  recoveryKeys: readonly string[];
}

type Random = () => number;
type Def = Record<string, unknown> & { type: string; checks?: { _zod: { def: Record<string, unknown> } }[] };

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const HOSTILE_VALUES: (() => unknown)[] = [
  () => null,
  () => undefined,
  () => 42,
  () => NaN,
  () => Infinity,
  () => -Infinity,
  () => -0,
  () => true,
  () => [],
  () => ({}),
  () => 'x'.repeat(1_000_000),
  () => JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'),
  () => {
    let nested: unknown = 'deep';
    for (let level = 0; level < 5_000; level++) nested = { a: nested };
    return nested;
  },
  () => {
    let nested: unknown = [];
    for (let level = 0; level < 5_000; level++) nested = [nested];
    return nested;
  },
  () => 12345678901234567890n.toString(),
];

export const hostileValue = (random: Random): unknown => pick(random, HOSTILE_VALUES)();

function checksOf(def: Def): Record<string, unknown>[] {
  return (def.checks ?? []).map((check) => check._zod.def);
}

function stringFor(def: Def, key: string, pools: InputPools, random: Random): string {
  const checks = checksOf(def);
  const format = checks.find((check) => check.check === 'string_format')?.format;
  if (random() < 0.12) return pick(random, ILL_FORMED_TEXT);
  if (format === 'uuid') return pick(random, pools.ids());
  if (format === 'datetime')
    return pick(random, ['2026-11-02T08:00:00.000Z', '2030-01-01T00:00:00Z', '2026-02-30T99:00Z']);
  const name = key.toLowerCase();
  if (name.includes('username')) return pick(random, pools.usernames);
  if (name.includes('password')) return pick(random, pools.passwords());
  if (/dir|directory|file$|folder|path/.test(name) && name !== 'filename') return pick(random, pools.paths);
  if (name === 'base64') return pick(random, pools.recipeFiles);
  if (name === 'recoverykey') return pick(random, pools.recoveryKeys);
  if (name === 'batchnumber') return `B2026-${String(Math.floor(random() * 10_000)).padStart(4, '0')}`;
  if (name === 'stepid') return pick(random, ['weigh_api', 'line_clearance', 'blend', 'no_such_step']);
  if (name === 'itemkey')
    return `${pick(random, ['exception', 'correction', 'signature'])}:${pick(random, pools.ids())}`;
  if (name === 'timeofday') return pick(random, ['02:00', '23:59', '24:00']);
  if (name === 'assetid') return `EQ-${Math.floor(random() * 100)}`;
  if (name === 'value' || name === 'net' || name === 'tare')
    return pick(random, ['1.5', '-0', '1e9', '12.345']);
  if (name === 'port') return pick(random, ['/dev/ttyEBRNONE0', 'COM99']);
  if (random() < 0.6) return pick(random, EXOTIC_TEXT);
  return pick(random, ['', ' ', 'ok', 'A plain reason', 'x'.repeat(600), 'admin', 'B2026-0001']);
}

function numberFor(def: Def, random: Random): number {
  if (random() < 0.2) return pick(random, [NaN, Infinity, -Infinity, -0, 1e308, -1, 0.5]);
  const checks = checksOf(def);
  const minimum = checks.find((check) => check.check === 'greater_than')?.value as number | undefined;
  const maximum = checks.find((check) => check.check === 'less_than')?.value as number | undefined;
  const low = Number.isFinite(minimum) ? Number(minimum) : 0;
  const high = Number.isFinite(maximum) ? Math.min(Number(maximum), low + 1000) : low + 1000;
  return Math.round(low + random() * (high - low));
}

/** A value shaped by `schema`; at each level, sometimes something else entirely. */
export function inputFor(schema: z.ZodType, pools: InputPools, random: Random, key = '', depth = 0): unknown {
  if (depth > 0 && random() < 0.04) return hostileValue(random);
  const def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  const inner = (next: unknown, nextKey = key) =>
    inputFor(next as z.ZodType, pools, random, nextKey, depth + 1);
  switch (def.type) {
    case 'string':
      return stringFor(def, key, pools, random);
    case 'number':
      return numberFor(def, random);
    case 'boolean':
      return random() < 0.5;
    case 'literal':
      return pick(random, def.values as unknown[]);
    case 'enum':
      return pick(random, Object.values(def.entries as Record<string, unknown>));
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const [field, fieldSchema] of Object.entries(def.shape as Record<string, unknown>)) {
        const made = inner(fieldSchema, field);
        if (made !== undefined) value[field] = made;
      }
      if (random() < 0.05) value[pick(random, ['__proto__', 'constructor', 'extra'])] = { polluted: true };
      return value;
    }
    case 'array':
      return Array.from({ length: Math.floor(random() * 3) }, () => inner(def.element));
    case 'union':
      return inner(pick(random, def.options as unknown[]));
    case 'optional':
      return random() < 0.3 ? undefined : inner(def.innerType);
    case 'nullable':
      return random() < 0.15 ? null : inner(def.innerType);
    case 'default':
    case 'prefault':
      return random() < 0.3 ? undefined : inner(def.innerType);
    case 'pipe':
      return inner(def.in);
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return inner(def.innerType);
    default:
      throw new Error(`inputFor: unknown schema kind "${def.type}"`);
  }
}
