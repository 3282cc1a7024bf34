/**
 * AuditQuery over a migrated in-memory database (the real migrations: indexes, FTS5 index, clock
 * steps and their triggers), rows written straight into audit_trail: each filter alone and
 * combined is checked against a plain reference implementation, across every page and with
 * clock corrections in the trail; the FTS query builder is checked against text that looks like FTS
 * syntax; and the query plans never scan the table or sort more than a page.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, loadMigrations } from '../../db/migrate';
import { ACTION_TYPE_INDEX, AuditQuery, ESTIMATE_CAP, utcBound } from '../../electron/core/audit/audit-query';
import { MIN_PREFIX_LENGTH, toFtsQuery } from '../../electron/core/audit/fts-query';
import type { AuditFilter, AuditRowView } from '../../shared/contract/audit-trail';
import { EbrError } from '../../shared/errors';

const NOW = '2026-11-02T08:00:00.000Z';

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PEOPLE = [
  { id: 'u-ada', username: 'ada', fullName: 'Ada Administrator' },
  { id: 'u-zoe', username: 'zoe', fullName: 'Zoë Ångström' },
  { id: 'u-jurgen', username: 'jurgen', fullName: 'Jürgen Müller' },
  { id: 'u-eve', username: 'eve', fullName: 'eve Ebner' },
  { id: 'u-ines', username: 'ines', fullName: 'Inès Lefèvre' },
];
const ENTITY_TYPES = ['batch', 'recipe', 'device', 'user', 'weighing'];
const ENTITY_IDS = ['B-2026-0001', 'B-2026-0002', 'R-001', 'DEV-07', 'W-1', 'W-2', 'u-zoe'];
const ACTIONS = [
  'weighing.capture',
  'weighing.correct',
  'step.complete',
  'auth.login',
  'recipe.approve',
  'device.calibrate',
];
const WORDS = [
  'Müller',
  'stéarate',
  'Überprüfung',
  'lot',
  'lots',
  'zeta',
  'µg',
  'Ångström',
  'DEV-2026-0113',
  'Filter',
  'filtré',
];

type TestRow = AuditRowView;

function insertRows(sqlite: Database.Database, rows: TestRow[]): void {
  const insert = sqlite.prepare(
    `INSERT INTO audit_trail (seq, at_utc, user_id, user_name, terminal_id, action, entity_type, entity_id, old_value, new_value, reason, prev_hash, hash)
     VALUES (@seq, @atUtc, @userId, @userName, @terminalId, @action, @entityType, @entityId, @oldValue, @newValue, @reason, @prevHash, @hash)`,
  );
  sqlite.transaction(() => {
    for (const row of rows) insert.run({ ...row, prevHash: '0'.repeat(64) });
  })();
}

/**
 * ROWS rows over ~40 days, changes of 1–4 rows sharing a time; the clock goes back twice (by an
 * hour after row 1000, by two days after row 2200) so time order and seq order differ.
 */
function makeRows(count: number, seed: number): TestRow[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const rows: TestRow[] = [];
  let ms = Date.UTC(2026, 0, 1, 0, 0, 0, 0);
  let seq = 0;
  while (seq < count) {
    const size = Math.min(count - seq, 1 + Math.floor(next() * 4));
    ms += 1 + Math.floor(next() * 40 * 60_000);
    if (seq >= 1000 && seq < 1000 + size) ms -= 3_600_000;
    if (seq >= 2200 && seq < 2200 + size) ms -= 2 * 86_400_000;
    const atUtc = new Date(ms).toISOString();
    const person = next() < 0.1 ? null : pick(PEOPLE);
    for (let i = 0; i < size; i++) {
      seq += 1;
      const words = Array.from({ length: Math.floor(next() * 3) }, () => pick(WORDS)).join(' ');
      rows.push({
        seq,
        atUtc,
        userId: person?.id ?? null,
        userName: person?.fullName ?? null,
        terminalId: next() < 0.5 ? 't-1' : 't-2',
        action: pick(ACTIONS),
        entityType: pick(ENTITY_TYPES),
        entityId: pick(ENTITY_IDS),
        oldValue: next() < 0.3 ? JSON.stringify({ net: Math.round(next() * 1000) / 10, unit: 'kg' }) : null,
        newValue: next() < 0.8 ? JSON.stringify({ net: Math.round(next() * 1000) / 10, note: words }) : null,
        reason: next() < 0.4 ? `Korrektur ${pick(WORDS)} ${seq % 7 === 0 ? '± 0.5 °C' : ''}`.trim() : null,
        hash: seq.toString(16).padStart(64, '0'),
      });
    }
  }
  return rows;
}

// ---- reference implementation -----------------------------------------------------------------

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const tokens = (text: string) => fold(text).match(/[\p{L}\p{N}\p{Co}]+/gu) ?? [];

/**
 * Word as FTS5 sees `"word"*`: its tokens as a phrase in one column, the last one a prefix when it
 * has at least MIN_PREFIX_LENGTH characters (else a whole word).
 */
function columnMatches(column: string | null, word: string): boolean {
  if (column === null) return false;
  const have = tokens(column);
  const want = tokens(word);
  if (want.length === 0) return true;
  for (let i = 0; i + want.length <= have.length; i++) {
    let ok = true;
    for (let j = 0; j < want.length && ok; j++) {
      const prefix = j === want.length - 1 && [...want[j]!].length >= MIN_PREFIX_LENGTH;
      ok = prefix ? have[i + j]!.startsWith(want[j]!) : have[i + j] === want[j];
    }
    if (ok) return true;
  }
  return false;
}

function textMatches(row: TestRow, text: string): boolean {
  const words = text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word));
  const columns = [
    row.action,
    row.entityType,
    row.entityId,
    row.userName,
    row.oldValue,
    row.newValue,
    row.reason,
  ];
  return words.every((word) => columns.some((column) => columnMatches(column, word)));
}

function reference(rows: TestRow[], filter: AuditFilter): TestRow[] {
  const from = filter.fromUtc === undefined ? null : Date.parse(filter.fromUtc);
  const to = filter.toUtc === undefined ? null : Date.parse(filter.toUtc);
  return rows.filter(
    (row) =>
      (filter.entityType === undefined || row.entityType === filter.entityType) &&
      (filter.entityId === undefined || row.entityId === filter.entityId) &&
      (filter.userId === undefined || row.userId === filter.userId) &&
      (filter.action === undefined || row.action === filter.action) &&
      (from === null || Date.parse(row.atUtc) >= from) &&
      (to === null || Date.parse(row.atUtc) <= to) &&
      (filter.text === undefined || textMatches(row, filter.text)),
  );
}

/** Every page from the newest, checking cursors as it goes; returns the seqs in order. */
function allPages(query: AuditQuery, filter: AuditFilter, pageSize: number): number[] {
  const seqs: number[] = [];
  let before: number | undefined;
  for (let guard = 0; guard < 100_000; guard++) {
    const page = query.page(filter, before, pageSize);
    expect(page.rows.length).toBeLessThanOrEqual(pageSize);
    for (const row of page.rows) seqs.push(row.seq);
    if (page.nextBeforeSeq === null) return seqs;
    expect(page.rows.length).toBe(pageSize);
    expect(page.nextBeforeSeq).toBe(page.rows[page.rows.length - 1]!.seq);
    before = page.nextBeforeSeq;
  }
  throw new Error('paging did not end');
}

const ROWS = makeRows(3000, 11);
let sqlite: Database.Database;
let query: AuditQuery;
/** The same database with a tiny estimate cap: most filters count as broad, so every plan shape runs. */
let smallCap: AuditQuery;
/** The same rows in a database that also has the optional index on (action, entity_type, seq). */
let withPairIndex: Database.Database;
let pairQuery: AuditQuery;

function migratedDatabase(): Database.Database {
  const db = new Database(':memory:');
  applyMigrations(db, loadMigrations(), NOW);
  const addUser = db.prepare(
    `INSERT INTO users (id, username, full_name, password_hash, roles, status, must_change_password, created_at_utc)
     VALUES (?, ?, ?, 'x', '[]', 'active', 0, ?)`,
  );
  for (const person of PEOPLE) addUser.run(person.id, person.username, person.fullName, NOW);
  insertRows(db, ROWS);
  return db;
}

beforeAll(() => {
  sqlite = migratedDatabase();
  // The plans must stay good on a store without the (action, entity type) index too.
  sqlite.exec(`DROP INDEX ${ACTION_TYPE_INDEX}`);
  query = new AuditQuery(sqlite);
  smallCap = new AuditQuery(sqlite, { estimateCap: 40 });
  withPairIndex = migratedDatabase();
  pairQuery = new AuditQuery(withPairIndex, { estimateCap: 40 });
});

afterAll(() => {
  sqlite.close();
  withPairIndex.close();
});

const seqsOf = (rows: TestRow[]) => rows.map((row) => row.seq);
const newestFirst = (rows: TestRow[]) => seqsOf(rows).reverse();

describe('AuditQuery.page', () => {
  it('with no filter pages through the whole trail newest first, without gaps or repeats', () => {
    const seqs = allPages(query, {}, 97);
    expect(seqs).toEqual(newestFirst(ROWS));
    expect(new Set(seqs).size).toBe(ROWS.length);
  });

  it('returns full rows as stored, and null for the next cursor on the last page', () => {
    const page = query.page({}, 3, 50);
    expect(page.nextBeforeSeq).toBeNull();
    expect(page.rows.map((row) => row.seq)).toEqual([2, 1]);
    expect(page.rows[1]).toEqual(ROWS[0]);
    expect(query.page({}, 1, 50)).toEqual({ rows: [], nextBeforeSeq: null });
    // Exactly one page of rows left: no empty page after it.
    expect(query.page({}, 51, 50).nextBeforeSeq).toBeNull();
  });

  const single: [string, AuditFilter][] = [
    ['entity type + id', { entityType: 'batch', entityId: 'B-2026-0001' }],
    ['entity type', { entityType: 'recipe' }],
    ['entity id under any type', { entityId: 'u-zoe' }],
    ['user', { userId: 'u-zoe' }],
    ['action', { action: 'weighing.correct' }],
    ['time range', { fromUtc: ROWS[400]!.atUtc, toUtc: ROWS[900]!.atUtc }],
    ['only a start', { fromUtc: ROWS[2500]!.atUtc }],
    ['only an end', { toUtc: ROWS[300]!.atUtc }],
    ['text', { text: 'lot' }],
    ['unknown user', { userId: 'u-nobody' }],
    ['unknown entity id', { entityId: 'nothing-here' }],
  ];
  it.each(single)('filters by %s alone, exactly as the reference', (_name, filter) => {
    const expected = newestFirst(reference(ROWS, filter));
    expect(allPages(query, filter, 50)).toEqual(expected);
    expect(allPages(query, filter, 7)).toEqual(expected);
  });

  it.each([
    ['default estimate cap', () => query],
    ['estimate cap 40', () => smallCap],
    ['index on (action, entity type) present', () => pairQuery],
  ])('combines filters with AND (300 random combinations, every page, %s)', (_name, subject) => {
    const next = random(_name.length);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
    let nonEmpty = 0;
    for (let round = 0; round < 300; round++) {
      const filter: AuditFilter = {};
      if (next() < 0.35) filter.entityType = pick([...ENTITY_TYPES, 'terminal']);
      if (next() < 0.3) filter.entityId = pick(ENTITY_IDS);
      if (next() < 0.35) filter.userId = pick([...PEOPLE.map((person) => person.id), 'u-nobody']);
      if (next() < 0.35) filter.action = pick(ACTIONS);
      if (next() < 0.35) {
        const a = pick(ROWS).atUtc;
        const b = pick(ROWS).atUtc;
        [filter.fromUtc, filter.toUtc] = a <= b ? [a, b] : [b, a];
        const open = next();
        if (open < 0.2) delete filter.fromUtc;
        else if (open < 0.4) delete filter.toUtc;
      }
      if (next() < 0.3) {
        const word = pick(WORDS);
        filter.text = next() < 0.5 ? word : word.slice(0, 2 + Math.floor(next() * (word.length - 1)));
      }
      const expected = newestFirst(reference(ROWS, filter));
      if (expected.length > 0) nonEmpty += 1;
      const pageSize = expected.length > 400 ? 128 : pick([1, 3, 50, 500]);
      expect(allPages(subject(), filter, pageSize), JSON.stringify(filter)).toEqual(expected);
    }
    expect(nonEmpty).toBeGreaterThan(150);
  });

  it('includes both ends of the time range; a bound without milliseconds covers its whole second', () => {
    const row = ROWS[1500]!;
    const exact = query.page({ fromUtc: row.atUtc, toUtc: row.atUtc }, undefined, 50).rows;
    expect(exact.map((r) => r.seq)).toEqual(newestFirst(ROWS.filter((r) => r.atUtc === row.atUtc)));
    expect(exact.map((r) => r.seq)).toContain(row.seq);

    const second = row.atUtc.slice(0, 19) + 'Z'; // e.g. 2026-01-20T10:11:12Z
    const inSecond = ROWS.filter((r) => r.atUtc.slice(0, 19) === row.atUtc.slice(0, 19));
    expect(query.page({ fromUtc: second, toUtc: second }, undefined, 50).rows.map((r) => r.seq)).toEqual(
      newestFirst(inSecond),
    );
    expect(utcBound('2026-01-20T10:11:12Z', 'to')).toBe('2026-01-20T10:11:12.999Z');
    expect(utcBound('2026-01-20T10:11:12Z', 'from')).toBe('2026-01-20T10:11:12.000Z');
    expect(utcBound('2026-01-20T10:11:12.5Z', 'to')).toBe('2026-01-20T10:11:12.599Z');
    expect(utcBound('2026-01-20T10:11:12.123456Z', 'to')).toBe('2026-01-20T10:11:12.123Z');
    expect(utcBound('2026-01-20T10:11:12.123456Z', 'from')).toBe('2026-01-20T10:11:12.124Z');
    expect(utcBound('2026-01-20T10:11:12.123000Z', 'from')).toBe('2026-01-20T10:11:12.123Z');
    expect(utcBound('2026-01-20T10:11Z', 'to')).toBe('2026-01-20T10:11:59.999Z');
  });

  it('finds rows by time where the clock went back (time order differs from seq order)', () => {
    const steps = sqlite.prepare('SELECT seq FROM audit_trail_clock_steps ORDER BY seq').pluck().all();
    expect(steps).toHaveLength(2);
    // A range that the hour repeated by the first correction covers twice.
    const stepSeq = steps[0] as number;
    const filter = { fromUtc: ROWS[stepSeq - 1]!.atUtc, toUtc: ROWS[stepSeq - 2]!.atUtc };
    const expected = reference(ROWS, filter);
    const seqs = seqsOf(expected);
    expect(seqs.some((seq) => seq < stepSeq) && seqs.some((seq) => seq >= stepSeq)).toBe(true);
    expect(allPages(query, filter, 5)).toEqual(newestFirst(expected));
    // Two days repeated by the second correction, with another filter on top.
    const second = steps[1] as number;
    const wide = { fromUtc: ROWS[second - 1]!.atUtc, toUtc: ROWS[second + 150]!.atUtc, userId: 'u-zoe' };
    expect(allPages(query, wide, 3)).toEqual(newestFirst(reference(ROWS, wide)));
  });

  it('searches text without regard to case or accents, by word prefix, across the stored columns', () => {
    const search = (text: string) => allPages(query, { text }, 500);
    expect(search('Müller')).toEqual(newestFirst(reference(ROWS, { text: 'Müller' })));
    expect(search('muller')).toEqual(search('Müller'));
    expect(search('MÜLL')).toEqual(search('Müller'));
    expect(search('ueberpruefung')).toEqual([]); // no transliteration, only accents removed
    expect(search('uberpr')).toEqual(search('Überprüfung'));
    expect(search('ångström')).toEqual(search('angstrom'));
    expect(search('µg').length).toBeGreaterThan(0);
    // One or two letters: whole words only ("kg", "pH", "µg"), not every word that starts so.
    expect(search('µg')).toEqual(newestFirst(reference(ROWS, { text: 'µg' })));
    expect(search('ne')).toEqual([]);
    expect(search('net')).toEqual(newestFirst(reference(ROWS, { text: 'net' })));
    expect(search('no').length).toBe(0);
    expect(search('not').length).toBeGreaterThan(0); // "note"
    expect(search('stearate')).toEqual(search('stéarate'));
    // "filtre" is a prefix of "filtré" (accents removed) but "Filter" is not "filtre".
    expect(search('filtre')).toEqual(newestFirst(ROWS.filter((row) => textMatches(row, 'filtré'))));
    // Several words: all must occur; a word with punctuation is a phrase.
    expect(search('lot zeta')).toEqual(newestFirst(reference(ROWS, { text: 'lot zeta' })));
    expect(search('DEV-2026-011')).toEqual(newestFirst(reference(ROWS, { text: 'DEV-2026-0113' })));
    expect(search('DEV-2026-01')).toEqual([]); // a last part of 2 characters is a whole word
    expect(search('B-2026-0002')).toEqual(newestFirst(ROWS.filter((row) => row.entityId === 'B-2026-0002')));
    expect(search('Inès')).toEqual(newestFirst(ROWS.filter((row) => row.userId === 'u-ines')));
    expect(search('net').length).toBeGreaterThan(1000); // JSON keys are words too
  });

  it('treats FTS syntax in the search text as plain words: never an error, never a wider match', () => {
    const attempts = [
      'lot"',
      '"lot',
      'lot AND zeta',
      'lot OR zeta',
      'NOT lot',
      'lot NOT zeta',
      'NEAR(lot zeta)',
      'reason:lot',
      'entity_id:B',
      '^lot',
      'lot*',
      '(lot',
      'lot)',
      "l'ot",
      '-lot',
      '+lot',
      'lot -zeta',
      '{reason}: lot',
      'lot; DROP TABLE audit_trail; --',
      "' OR 1=1 --",
      'µg* "*"',
    ];
    for (const text of attempts) {
      expect(allPages(query, { text }, 500), text).toEqual(newestFirst(reference(ROWS, { text })));
    }
    expect(allPages(query, { text: 'lot OR zeta' }, 500).length).toBeLessThan(
      allPages(query, { text: 'lot' }, 500).length,
    );
    expect(sqlite.prepare('SELECT count(*) FROM audit_trail').pluck().get()).toBe(ROWS.length);
  });

  it('refuses text with no letter or digit, and invalid filters or paging, as VALIDATION_FAILED', () => {
    const refused = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        expect(error).toBeInstanceOf(EbrError);
        expect((error as EbrError).code).toBe('VALIDATION_FAILED');
        return;
      }
      throw new Error('expected VALIDATION_FAILED');
    };
    for (const text of ['--', '"*"', '± °', '()', ' ** ']) refused(() => query.page({ text }, undefined, 50));
    refused(() => query.page({ text: 'a' }, undefined, 50)); // shorter than 2
    refused(() =>
      query.page({ fromUtc: '2026-01-02T00:00:00Z', toUtc: '2026-01-01T00:00:00Z' }, undefined, 50),
    );
    refused(() => query.page({ fromUtc: '2026-01-02' } as AuditFilter, undefined, 50));
    refused(() => query.page({ entityType: 'batch', extra: 1 } as AuditFilter, undefined, 50));
    refused(() => query.page({}, 0, 50));
    refused(() => query.page({}, 1.5, 50));
    refused(() => query.page({}, undefined, 0));
    refused(() => query.forEachInScope({ text: '++' }, 10, () => undefined));
  });
});

describe('toFtsQuery', () => {
  it('quotes every word, doubles quotes, drops words without letters or digits, prefixes from 3 characters', () => {
    expect(MIN_PREFIX_LENGTH).toBe(3);
    expect(toFtsQuery('Müller lot')).toBe('"Müller"* "lot"*');
    expect(toFtsQuery('a"bcd OR c')).toBe('"a""bcd"* "OR" "c"');
    expect(toFtsQuery('reason:lot -xyz ±')).toBe('"reason:lot"* "-xyz"*');
    expect(toFtsQuery('kg pH µg B-20 B-202')).toBe('"kg" "pH" "µg" "B-20" "B-202"*');
    expect(toFtsQuery('lot lot')).toBe('"lot"*');
    expect(() => toFtsQuery('-- ±')).toThrow(EbrError);
  });
});

describe('AuditQuery.forEachInScope', () => {
  it('visits matching rows oldest first, up to and including upToSeq, across internal chunks', () => {
    const visit = (filter: AuditFilter, upTo: number) => {
      const seen: { seq: number; hash: string }[] = [];
      query.forEachInScope(filter, upTo, (row) => seen.push(row));
      return seen;
    };
    const all = visit({}, 2999);
    expect(all.map((row) => row.seq)).toEqual(seqsOf(ROWS).slice(0, 2999));
    expect(all[0]).toEqual({ seq: 1, hash: ROWS[0]!.hash });
    expect(visit({}, 0)).toEqual([]);
    const filters: AuditFilter[] = [
      { userId: 'u-zoe' },
      { entityType: 'batch', action: 'step.complete' },
      { text: 'lot', fromUtc: ROWS[100]!.atUtc },
      { fromUtc: ROWS[990]!.atUtc, toUtc: ROWS[1010]!.atUtc },
    ];
    for (const filter of filters) {
      for (const upTo of [2500, ROWS.length, 10_000_000]) {
        const expected = reference(ROWS, filter).filter((row) => row.seq <= upTo);
        expect(visit(filter, upTo), JSON.stringify(filter)).toEqual(
          expected.map((row) => ({ seq: row.seq, hash: row.hash })),
        );
      }
    }
  });
});

describe('AuditQuery.people', () => {
  it('lists everyone in the users table by full name, ignoring case and accents', () => {
    expect(query.people().map((person) => person.fullName)).toEqual([
      'Ada Administrator',
      'eve Ebner',
      'Inès Lefèvre',
      'Jürgen Müller',
      'Zoë Ångström',
    ]);
    expect(query.people()[0]).toEqual({ id: 'u-ada', username: 'ada', fullName: 'Ada Administrator' });
  });
});

describe('query plans', () => {
  const kinds: Record<string, AuditFilter> = {
    entity: { entityType: 'batch', entityId: 'B-2026-0001' },
    entityType: { entityType: 'batch' },
    entityId: { entityId: 'W-1' },
    user: { userId: 'u-zoe' },
    action: { action: 'step.complete' },
    time: { fromUtc: ROWS[200]!.atUtc, toUtc: ROWS[2600]!.atUtc },
    text: { text: 'lot' },
  };
  const names = Object.keys(kinds);
  const combinations: string[][] = [[]];
  for (const name of names) {
    for (const existing of [...combinations]) {
      if (name === 'entityType' && existing.includes('entity')) continue;
      if (name === 'entityId' && (existing.includes('entity') || existing.includes('entityType'))) continue;
      combinations.push([...existing, name]);
    }
  }

  it(`reads indexes only and never sorts more than a page (${combinations.length} filter combinations)`, () => {
    expect(combinations.length).toBeGreaterThan(40);
    for (const [combination, subject] of combinations.flatMap((c) =>
      [query, smallCap, pairQuery].map((subject) => [c, subject] as const),
    )) {
      const filter = Object.assign({}, ...combination.map((name) => kinds[name]!)) as AuditFilter;
      const { plan } = subject.explain(filter, 2000);
      const label = `${combination.join('+') || 'no filter'}:\n${plan.join('\n')}`;
      for (const step of plan) {
        // The only full scans: the page's own seqs (m) and the FTS index's match cursor.
        if (step.startsWith('SCAN'))
          expect(step, label).toMatch(/^SCAN (m|audit_trail_search VIRTUAL TABLE)/);
        if (/TEMP B-TREE/.test(step)) {
          // An entity id under any type reads one index range per type and merges them.
          expect(combination, label).toContain('entityId');
        }
        if (/^SEARCH (d|r|audit_trail) /.test(step))
          expect(step, label).toMatch(/USING (COVERING INDEX|INTEGER PRIMARY KEY)/);
      }
    }
  });

  it('uses the optional (action, entity type) index when it exists: one ordered list for the pair', () => {
    const filter = { entityType: 'device', action: 'weighing.capture' };
    expect(smallCap.explain(filter).arms).toEqual(['action', 'entityType']); // two broad lists, merged
    const paired = pairQuery.explain(filter);
    expect(paired.arms).toEqual(['actionEntityType']);
    expect(paired.plan.join('\n')).toContain(
      `COVERING INDEX ${ACTION_TYPE_INDEX} (action=? AND entity_type=?`,
    );
    expect(allPages(pairQuery, filter, 4)).toEqual(newestFirst(reference(ROWS, filter)));
    const common = { entityType: 'batch', action: 'step.complete', userId: 'u-zoe' };
    expect(allPages(pairQuery, common, 9)).toEqual(newestFirst(reference(ROWS, common)));
  });

  it('drives by a selective filter and checks broad ones by index seek, or merges broad ones in step', () => {
    expect(ESTIMATE_CAP).toBeGreaterThan(ROWS.length); // in this small trail every filter is "selective"
    const { arms, plan } = query.explain({ userId: 'u-zoe', action: 'step.complete' });
    expect(arms).toHaveLength(1);
    expect(plan.join('\n')).toMatch(/EXISTS USING COVERING INDEX audit_trail_(user|action)/);
    const withText = query.explain({ userId: 'u-zoe', text: 'lot' });
    expect(withText.plan.join('\n')).toMatch(/MERGE \(INTERSECT\)/);
    // All broad (cap 40): each filter is its own ordered list, merged in step.
    const broad = smallCap.explain({ userId: 'u-zoe', action: 'step.complete', text: 'net' });
    expect(broad.arms).toEqual(['user', 'action', 'text']);
    expect(broad.plan.filter((step) => step === 'MERGE (INTERSECT)')).toHaveLength(2);
    // Broad indexed filters and a rare text: the text drives, the others are index seeks.
    const rareText = WORDS.flatMap((a) => WORDS.map((b) => `${a} ${b}`)).find((text) => {
      const count = reference(ROWS, { text }).length;
      return count > 0 && count < 30;
    })!;
    const rare = smallCap.explain({ userId: 'u-zoe', action: 'step.complete', text: rareText });
    expect(rare.arms).toEqual(['text ?user ?action']);
  });
});

describe('migration 0004: clock steps', () => {
  it('are recorded for rows written before the migration, and by the trigger after it', () => {
    const db = new Database(':memory:');
    try {
      const migrations = loadMigrations();
      const index = migrations.findIndex((migration) => migration.tag === '0004_audit_query_indexes');
      expect(index).toBeGreaterThan(0);
      applyMigrations(db, migrations.slice(0, index), NOW);
      insertRows(db, ROWS.slice(0, 1500));
      applyMigrations(db, migrations, NOW);
      insertRows(db, ROWS.slice(1500));
      const steps = db.prepare('SELECT * FROM audit_trail_clock_steps ORDER BY seq').all();
      const expected = ROWS.slice(1)
        .map((row, i) => ({ row, previous: ROWS[i]! }))
        .filter(({ row, previous }) => row.atUtc < previous.atUtc)
        .map(({ row, previous }) => ({ seq: row.seq, at_utc: row.atUtc, previous_at_utc: previous.atUtc }));
      expect(expected).toHaveLength(2);
      expect(steps).toEqual(expected);
      expect(() => db.prepare('DELETE FROM audit_trail_clock_steps').run()).toThrow(/append-only/);
      expect(() => db.prepare("UPDATE audit_trail_clock_steps SET at_utc = 'x'").run()).toThrow(
        /append-only/,
      );
      // The same pages as the database that had the trigger from the start.
      const filter = { fromUtc: ROWS[990]!.atUtc, toUtc: ROWS[2300]!.atUtc, action: 'auth.login' };
      expect(allPages(new AuditQuery(db), filter, 20)).toEqual(allPages(query, filter, 20));
    } finally {
      db.close();
    }
  });
});
