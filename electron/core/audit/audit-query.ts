import type Database from 'better-sqlite3-multiple-ciphers';
import {
  auditFilterSchema,
  type AuditFilter,
  type AuditPage,
  type AuditRowView,
  type PersonRef,
} from '../../../shared/contract/audit-trail';
import { EbrError } from '../../../shared/errors';
import { toFtsQuery } from './fts-query';

/**
 * Filtered, keyset-paged reading of the audit trail for the viewer, the exports and recorded
 * reviews. Rows come newest first (`seq` descending) or, for a review's digest, oldest first;
 * never with OFFSET, never with a sort of more than one page.
 *
 * How a page is found (indexes only, until the page's own rows are read by primary key):
 *
 * 1. The time range becomes exact `seq` ranges. Within a run of rows whose clock never went back,
 *    `at_utc` does not decrease with `seq`, so the first and last `seq` in the range are found by
 *    binary search on the primary key. `audit_trail_clock_steps` (kept by a trigger, migration
 *    0004) lists where the clock went back, so a corrected clock splits the trail into a few runs
 *    and each run gives one range. Without a time filter the range is the whole trail. The cursor
 *    (`seq < beforeSeq`) clips the ranges.
 * 2. Every other filter is an index whose entries are ordered by `seq` after the filtered value:
 *    entity type + id `audit_trail_entity`, entity type `audit_trail_entity_type`, user
 *    `audit_trail_user`, action `audit_trail_action`; free text the FTS5 index (`rowid` = `seq`);
 *    an entity id without a type, `audit_trail_entity` once per entity type. Two seeks per indexed
 *    filter narrow the range to where all of them have rows.
 * 3. The filters are combined as ordered lists of `seq` intersected by SQLite's merge of ordered
 *    compound SELECTs (`… INTERSECT … ORDER BY 1 DESC LIMIT n`), which reads each list once, in
 *    step, and stops at the page's end (see `plan`).
 */

/** Counting stops here: enough to tell a selective filter from a broad one. */
export const ESTIMATE_CAP = 20_000;
/**
 * Used when it exists: `CREATE INDEX audit_trail_action_entity_type ON audit_trail (action, entity_type, seq)`.
 * Without it, entity type + action is a merge of two broad indexes: fast when the pair is common,
 * but a pair that never occurs (e.g. type "batch" with action "weighing.capture") walks both to the
 * end, about 80 ms at a million rows.
 */
export const ACTION_TYPE_INDEX = 'audit_trail_action_entity_type';
/** Rows per statement when a caller walks a whole scope. */
const SCAN_CHUNK = 2_000;
const MAX_SEQ = Number.MAX_SAFE_INTEGER;

type Direction = 'desc' | 'asc';

interface SeqRange {
  lo: number;
  hi: number;
}

/** One filter that an index (or the FTS index) can list in `seq` order. */
interface Condition {
  name: 'entity' | 'entityId' | 'user' | 'action' | 'entityType' | 'actionEntityType' | 'text';
  /** Lower drives first when estimates tie (both at the cap). */
  rank: number;
  /** Index name; null for the FTS index. */
  index: string | null;
  /** Equality terms on the given table alias (not used for text). */
  terms: (alias: string) => string;
  params: unknown[];
  /** Its first and last seq in a range can be found with one index seek each. */
  seekable: boolean;
  estimate?: number;
}

/** One ordered list of seqs: a driving filter and the filters checked per candidate by index seek. */
interface Arm {
  driver: Condition;
  probes: Condition[];
}

/** What a caller gets from `scan`: the row columns the exports need. */
export type AuditScanRow = AuditRowView;

const ROW_COLUMNS = `a.seq AS seq, a.at_utc AS atUtc, a.user_id AS userId, a.user_name AS userName,
  a.terminal_id AS terminalId, a.action AS action, a.entity_type AS entityType, a.entity_id AS entityId,
  a.old_value AS oldValue, a.new_value AS newValue, a.reason AS reason, a.hash AS hash`;

interface NormalizedFilter {
  conditions: Condition[];
  fromUtc: string | null;
  toUtc: string | null;
  /** True when the filter can match nothing (e.g. an entity id under no known entity type). */
  empty: boolean;
}

const ISO_UTC = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(?::(\d{2})(?:\.(\d+))?)?Z$/;

/**
 * Stored times are `toISOString()` text (milliseconds). A bound is inclusive at the precision it
 * was given in: `toUtc` "…T23:59:59Z" includes 23:59:59.999, "…T10:00Z" includes 10:00:59.999.
 */
export function utcBound(value: string, side: 'from' | 'to'): string {
  const match = ISO_UTC.exec(value);
  if (!match) throw new EbrError('VALIDATION_FAILED', `Not a UTC time: ${value}`, { field: side });
  const [, minutes, seconds, fraction] = match;
  const base = Date.parse(`${minutes}:${seconds ?? '00'}.000Z`);
  if (Number.isNaN(base))
    throw new EbrError('VALIDATION_FAILED', `Not a UTC time: ${value}`, { field: side });
  const digits = fraction ?? '';
  // The given precision in ms (how much "inclusive" spans), and the value in ms (fractions beyond ms kept as a flag).
  const spanMs =
    seconds === undefined ? 60_000 : digits.length === 0 ? 1000 : 10 ** Math.max(0, 3 - digits.length);
  const wholeMs = base + Number((digits + '000').slice(0, 3));
  const beyondMs = /[1-9]/.test(digits.slice(3));
  const ms = side === 'from' ? wholeMs + (beyondMs ? 1 : 0) : wholeMs + spanMs - 1;
  return new Date(Math.min(ms, 253402300799999)).toISOString();
}

export class AuditQuery {
  private readonly statements = new Map<string, Database.Statement>();

  private readonly estimateCap: number;

  /** `estimateCap` (default ESTIMATE_CAP) is for tests: a small one sends small trails down every path. */
  constructor(
    private readonly sqlite: Database.Database,
    options: { estimateCap?: number } = {},
  ) {
    this.estimateCap = options.estimateCap ?? ESTIMATE_CAP;
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size > 500) this.statements.clear();
      statement = this.sqlite.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** One page, newest first: rows with seq < beforeSeq matching every filter. */
  page(filter: AuditFilter, beforeSeq: number | undefined, pageSize: number): AuditPage {
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 10_000) {
      throw new EbrError('VALIDATION_FAILED', 'The page size must be a whole number from 1 to 10000.');
    }
    if (beforeSeq !== undefined && (!Number.isInteger(beforeSeq) || beforeSeq < 1)) {
      throw new EbrError('VALIDATION_FAILED', 'beforeSeq must be a positive whole number.');
    }
    const upper = beforeSeq === undefined ? MAX_SEQ : beforeSeq - 1;
    const rows = this.fetch(
      this.normalize(filter),
      'desc',
      1,
      upper,
      pageSize + 1,
      ROW_COLUMNS,
    ) as AuditRowView[];
    if (rows.length <= pageSize) return { rows, nextBeforeSeq: null };
    rows.length = pageSize;
    return { rows, nextBeforeSeq: rows[pageSize - 1]!.seq };
  }

  /** Ascending seq, rows matching the filter with seq <= upToSeq; for a review's digest. */
  forEachInScope(
    filter: AuditFilter,
    upToSeq: number,
    visit: (row: { seq: number; hash: string }) => void,
  ): void {
    const normalized = this.normalize(filter);
    let after = 0;
    for (;;) {
      // Each chunk is read completely before the visitor runs: no statement stays open meanwhile.
      const rows = this.fetch(
        normalized,
        'asc',
        after + 1,
        upToSeq,
        SCAN_CHUNK,
        'a.seq AS seq, a.hash AS hash',
      ) as {
        seq: number;
        hash: string;
      }[];
      for (const row of rows) visit(row);
      if (rows.length < SCAN_CHUNK) return;
      after = rows[rows.length - 1]!.seq;
    }
  }

  /**
   * Newest first, full rows with seq <= upToSeq, chunk by chunk; `visit` returns false to stop.
   * For the exports.
   */
  scan(filter: AuditFilter, upToSeq: number, visit: (row: AuditScanRow) => boolean | void): void {
    const normalized = this.normalize(filter);
    let upper = upToSeq;
    for (;;) {
      const rows = this.fetch(normalized, 'desc', 1, upper, SCAN_CHUNK, ROW_COLUMNS) as AuditRowView[];
      for (const row of rows) if (visit(row) === false) return;
      if (rows.length < SCAN_CHUNK) return;
      upper = rows[rows.length - 1]!.seq - 1;
    }
  }

  /** The last seq now (0 when the trail is empty): a fixed upper bound for a consistent read. */
  headSeq(): number {
    return (this.statement('SELECT coalesce(max(seq), 0) FROM audit_trail').pluck().get() as number) ?? 0;
  }

  /** Everyone in the users table, by full name (accents and case ignored), then username. */
  people(): PersonRef[] {
    const people = this.statement(
      'SELECT id, username, full_name AS fullName FROM users',
    ).all() as PersonRef[];
    const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
    return people.sort(
      (a, b) => collator.compare(a.fullName, b.fullName) || collator.compare(a.username, b.username),
    );
  }

  private actionTypeIndex: boolean | undefined;

  /** Whether the optional index on (action, entity_type, seq) exists (see ACTION_TYPE_INDEX). */
  private hasActionTypeIndex(): boolean {
    this.actionTypeIndex ??=
      this.statement("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = ?")
        .pluck()
        .get(ACTION_TYPE_INDEX) === 1;
    return this.actionTypeIndex;
  }

  /** Terminal names by id (terminals are never deleted), for the exports. */
  terminalNames(): Map<string, string> {
    const terminals = this.statement('SELECT id, name FROM terminals').all() as {
      id: string;
      name: string;
    }[];
    return new Map(terminals.map((terminal) => [terminal.id, terminal.name]));
  }

  /** The query plan for a filter's first range and cursor, for tests and the benchmark. */
  explain(filter: AuditFilter, beforeSeq?: number): { arms: string[]; plan: string[] } {
    const normalized = this.normalize(filter);
    const upper = beforeSeq === undefined ? MAX_SEQ : beforeSeq - 1;
    const wide = this.ranges(normalized, 1, upper)[0];
    const range = wide && this.tighten(normalized.conditions, wide);
    const arms = range ? this.plan(normalized.conditions, range) : null;
    if (!range || !arms) return { arms: [], plan: ['(nothing to read: a filter has no row in the range)'] };
    const { sql, params } = this.pageSql(arms, range, 'desc', 51, ROW_COLUMNS);
    const plan = this.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
    return {
      arms:
        arms.length === 0
          ? ['seq']
          : arms.map(({ driver, probes }) => [driver.name, ...probes.map((p) => `?${p.name}`)].join(' ')),
      plan: plan.map((step) => step.detail),
    };
  }

  // ---------------------------------------------------------------------------------------------

  private normalize(filter: AuditFilter): NormalizedFilter {
    const parsed = auditFilterSchema.safeParse(filter);
    if (!parsed.success) {
      throw new EbrError('VALIDATION_FAILED', parsed.error.issues[0]?.message ?? 'Invalid audit filter.', {
        issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      });
    }
    const f = parsed.data;
    const conditions: Condition[] = [];
    let empty = false;
    if (f.entityType !== undefined && f.entityId !== undefined) {
      conditions.push({
        name: 'entity',
        rank: 0,
        seekable: true,
        index: 'audit_trail_entity',
        terms: (t) => `${t}.entity_type = ? AND ${t}.entity_id = ?`,
        params: [f.entityType, f.entityId],
      });
    } else if (f.entityId !== undefined) {
      // An id under any entity type: one range of audit_trail_entity per type.
      const types = this.entityTypes();
      if (types.length === 0) empty = true;
      const marks = types.map(() => '?').join(', ');
      conditions.push({
        name: 'entityId',
        rank: 1,
        seekable: false,
        index: 'audit_trail_entity',
        terms: (t) => `${t}.entity_type IN (${marks}) AND ${t}.entity_id = ?`,
        params: [...types, f.entityId],
      });
    } else if (f.entityType !== undefined && f.action !== undefined && this.hasActionTypeIndex()) {
      // Both broad, and tied to each other (an action belongs to an entity type): one index on the
      // pair answers at once, also when the pair never occurs.
      conditions.push({
        name: 'actionEntityType',
        rank: 3,
        seekable: true,
        index: ACTION_TYPE_INDEX,
        terms: (t) => `${t}.action = ? AND ${t}.entity_type = ?`,
        params: [f.action, f.entityType],
      });
    } else if (f.entityType !== undefined) {
      conditions.push({
        name: 'entityType',
        rank: 5,
        seekable: true,
        index: 'audit_trail_entity_type',
        terms: (t) => `${t}.entity_type = ?`,
        params: [f.entityType],
      });
    }
    if (f.userId !== undefined) {
      conditions.push({
        name: 'user',
        rank: 2,
        seekable: true,
        index: 'audit_trail_user',
        terms: (t) => `${t}.user_id = ?`,
        params: [f.userId],
      });
    }
    if (f.action !== undefined && !conditions.some((condition) => condition.name === 'actionEntityType')) {
      conditions.push({
        name: 'action',
        rank: 3,
        seekable: true,
        index: 'audit_trail_action',
        terms: (t) => `${t}.action = ?`,
        params: [f.action],
      });
    }
    if (f.text !== undefined) {
      conditions.push({
        name: 'text',
        rank: 4,
        index: null,
        seekable: false,
        terms: () => '',
        params: [toFtsQuery(f.text)],
      });
    }
    return {
      conditions,
      fromUtc: f.fromUtc === undefined ? null : utcBound(f.fromUtc, 'from'),
      toUtc: f.toUtc === undefined ? null : utcBound(f.toUtc, 'to'),
      empty,
    };
  }

  /** Distinct entity types, by skipping through audit_trail_entity (one seek per type). */
  private entityTypes(): string[] {
    return this.statement(
      `WITH RECURSIVE types(t) AS (
         SELECT (SELECT min(entity_type) FROM audit_trail)
         UNION ALL
         SELECT (SELECT min(entity_type) FROM audit_trail INDEXED BY audit_trail_entity WHERE entity_type > types.t)
         FROM types WHERE types.t IS NOT NULL
       )
       SELECT t FROM types WHERE t IS NOT NULL`,
    )
      .pluck()
      .all() as string[];
  }

  /**
   * The seq ranges (descending, disjoint) holding exactly the rows in the time range, clipped to
   * [lower, upper]. Without a time filter: [lower, upper] itself.
   */
  private ranges(filter: NormalizedFilter, lower: number, upper: number): SeqRange[] {
    if (lower > upper) return [];
    if (filter.fromUtc === null && filter.toUtc === null) return [{ lo: lower, hi: upper }];
    const from = filter.fromUtc ?? '';
    const to = filter.toUtc ?? '\uffff';
    const ends = this.statement(
      `SELECT (SELECT seq FROM audit_trail ORDER BY seq ASC LIMIT 1) AS first,
              (SELECT at_utc FROM audit_trail ORDER BY seq ASC LIMIT 1) AS firstAt,
              (SELECT seq FROM audit_trail ORDER BY seq DESC LIMIT 1) AS last,
              (SELECT at_utc FROM audit_trail ORDER BY seq DESC LIMIT 1) AS lastAt`,
    ).get() as { first: number | null; firstAt: string | null; last: number | null; lastAt: string | null };
    if (ends.first === null || ends.last === null) return [];
    const steps = this.statement(
      'SELECT seq, at_utc AS atUtc, previous_at_utc AS previousAtUtc FROM audit_trail_clock_steps ORDER BY seq',
    ).all() as { seq: number; atUtc: string; previousAtUtc: string }[];
    // Runs of rows in which at_utc never decreases: [start, end] with the times at both ends.
    const runs: { start: number; end: number; startAt: string; endAt: string }[] = [];
    let start = ends.first;
    let startAt = ends.firstAt!;
    for (const step of steps) {
      if (step.seq <= start) continue;
      runs.push({ start, end: step.seq - 1, startAt, endAt: step.previousAtUtc });
      start = step.seq;
      startAt = step.atUtc;
    }
    runs.push({ start, end: ends.last, startAt, endAt: ends.lastAt! });

    const ranges: SeqRange[] = [];
    for (const run of runs) {
      if (run.end < lower || run.start > upper) continue;
      if (run.endAt < from || run.startAt > to) continue;
      const lo = run.startAt >= from ? run.start : this.firstAtOrAfter(run.start, run.end, from);
      const hi = run.endAt <= to ? run.end : this.lastAtOrBefore(run.start, run.end, to);
      const clipped = { lo: Math.max(lo, lower), hi: Math.min(hi, upper) };
      if (clipped.lo <= clipped.hi) ranges.push(clipped);
    }
    return ranges.reverse();
  }

  /** The row at seq or the next one after it (rows are never missing, but do not rely on it). */
  private rowAtOrAfter(seq: number): { seq: number; atUtc: string } | undefined {
    return this.statement(
      'SELECT seq, at_utc AS atUtc FROM audit_trail WHERE seq >= ? ORDER BY seq LIMIT 1',
    ).get(seq) as { seq: number; atUtc: string } | undefined;
  }

  /**
   * Smallest seq in [start, end] with at_utc >= from (end + 1 when none), where at_utc does not
   * decrease within the run. Binary search on the primary key, robust to missing seqs.
   */
  private firstAtOrAfter(start: number, end: number, from: string): number {
    let lo = start;
    let hi = end + 1;
    while (lo < hi) {
      const mid = lo + Math.floor((hi - lo) / 2);
      const row = this.rowAtOrAfter(mid);
      if (!row || row.seq > end || row.atUtc >= from) hi = mid;
      else lo = mid + 1;
    }
    const row = lo <= end ? this.rowAtOrAfter(lo) : undefined;
    return row && row.seq <= end ? row.seq : end + 1;
  }

  /** Largest seq in [start, end] with at_utc <= to (start - 1 when none). */
  private lastAtOrBefore(start: number, end: number, to: string): number {
    // at_utc > to  ⇔  at_utc >= to + U+0000 (the next string after `to`).
    return this.firstAtOrAfter(start, end, `${to}\u0000`) - 1;
  }

  /**
   * Narrows a seq range to where every indexed filter has rows (two index seeks each): the
   * intersection cannot lie outside it. Null when some filter has no row in the range.
   */
  private tighten(conditions: Condition[], range: SeqRange): SeqRange | null {
    let { lo, hi } = range;
    for (const condition of conditions) {
      if (!condition.seekable || condition.index === null) continue;
      const sql = `SELECT (SELECT r.seq FROM audit_trail AS r INDEXED BY ${condition.index}
          WHERE ${condition.terms('r')} AND r.seq BETWEEN ? AND ? ORDER BY r.seq ASC LIMIT 1) AS lo,
        (SELECT r.seq FROM audit_trail AS r INDEXED BY ${condition.index}
          WHERE ${condition.terms('r')} AND r.seq BETWEEN ? AND ? ORDER BY r.seq DESC LIMIT 1) AS hi`;
      const found = this.statement(sql).get(...condition.params, lo, hi, ...condition.params, lo, hi) as {
        lo: number | null;
        hi: number | null;
      };
      if (found.lo === null || found.hi === null) return null;
      lo = found.lo;
      hi = found.hi;
    }
    return { lo, hi };
  }

  /** How many rows an indexed filter holds in the range, counted up to ESTIMATE_CAP. */
  private estimate(condition: Condition, range: SeqRange): number {
    return this.statement(
      `SELECT count(*) FROM (SELECT 1 FROM audit_trail AS r INDEXED BY ${condition.index}
         WHERE ${condition.terms('r')} AND r.seq BETWEEN ? AND ? LIMIT ?)`,
    )
      .pluck()
      .get(...condition.params, range.lo, range.hi, this.estimateCap) as number;
  }

  /** How many rows match the text in the range, counted up to ESTIMATE_CAP. */
  private estimateText(condition: Condition, range: SeqRange): number {
    return this.run(
      () =>
        this.statement(
          `SELECT count(*) FROM (SELECT 1 FROM audit_trail_search WHERE audit_trail_search MATCH ?
             AND rowid BETWEEN ? AND ? LIMIT ?)`,
        )
          .pluck()
          .get(...condition.params, range.lo, range.hi, this.estimateCap) as number,
    );
  }

  /**
   * The plan for one seq range: one or more "arms", each listing seqs in order from one index, and
   * their intersection (SQLite merges ordered compound SELECTs, reading each arm once in step).
   *
   * - An indexed filter with fewer than ESTIMATE_CAP rows in the range drives one arm and the other
   *   indexed filters are seeks in their own indexes per candidate (EXISTS on index (value, seq)):
   *   at most ESTIMATE_CAP candidates, whatever the others hold.
   * - When every indexed filter is broad, each is its own arm and the merge walks them together:
   *   the cost is bounded by the index entries in the range, read in order, never by table rows.
   * - Free text is always its own arm: the FTS5 index lists its matches in rowid (= seq) order.
   * - No filter: the primary key.
   */
  private plan(conditions: Condition[], range: SeqRange): Arm[] | null {
    const indexed = conditions.filter((condition) => condition.index !== null);
    const text = conditions.find((condition) => condition.index === null);
    const textArm: Arm[] = text ? [{ driver: text, probes: [] }] : [];
    if (indexed.length === 0) return textArm;
    if (indexed.length === 1 && !text) return [{ driver: indexed[0]!, probes: [] }];
    for (const condition of indexed) condition.estimate = this.estimate(condition, range);
    if (indexed.some((condition) => condition.estimate === 0)) return null;
    const ordered = [...indexed].sort((a, b) => a.estimate! - b.estimate! || a.rank - b.rank);
    if (ordered[0]!.estimate! < this.estimateCap)
      return [{ driver: ordered[0]!, probes: ordered.slice(1) }, ...textArm];
    if (text) {
      // Every indexed filter is broad: a rare text should drive rather than be met in a long walk.
      // (Counting FTS matches costs about one more FTS lookup, so it is only done here.)
      text.estimate = this.estimateText(text, range);
      if (text.estimate === 0) return null;
      if (text.estimate < this.estimateCap) return [{ driver: text, probes: ordered }];
    }
    return [...ordered.map((condition) => ({ driver: condition, probes: [] })), ...textArm];
  }

  private pageSql(
    arms: Arm[],
    range: SeqRange,
    direction: Direction,
    limit: number,
    columns: string,
  ): { sql: string; params: unknown[] } {
    const order = direction === 'desc' ? 'DESC' : 'ASC';
    const params: unknown[] = [];
    const selects: string[] = [];
    if (arms.length === 0) {
      selects.push('SELECT d.seq AS seq FROM audit_trail AS d NOT INDEXED WHERE d.seq BETWEEN ? AND ?');
      params.push(range.lo, range.hi);
    }
    for (const { driver, probes } of arms) {
      let select: string;
      let seqExpr: string;
      if (driver.index === null) {
        seqExpr = 'audit_trail_search.rowid';
        select = `SELECT audit_trail_search.rowid AS seq FROM audit_trail_search
          WHERE audit_trail_search MATCH ? AND audit_trail_search.rowid BETWEEN ? AND ?`;
      } else {
        seqExpr = 'd.seq';
        select = `SELECT d.seq AS seq FROM audit_trail AS d INDEXED BY ${driver.index}
          WHERE ${driver.terms('d')} AND d.seq BETWEEN ? AND ?`;
      }
      params.push(...driver.params, range.lo, range.hi);
      for (const probe of probes) {
        select += ` AND EXISTS (SELECT 1 FROM audit_trail AS r INDEXED BY ${probe.index}
          WHERE ${probe.terms('r')} AND r.seq = ${seqExpr})`;
        params.push(...probe.params);
      }
      selects.push(select);
    }
    params.push(limit);
    const seqs = `${selects.join(' INTERSECT ')} ORDER BY 1 ${order} LIMIT ?`;
    return {
      // The page's rows by primary key; `fetch` puts them back in order (no sort in SQL).
      sql: `SELECT ${columns} FROM (${seqs}) AS m CROSS JOIN audit_trail AS a ON a.seq = m.seq`,
      params,
    };
  }

  /** Up to `limit` matching rows with lower <= seq <= upper, in the given direction. */
  private fetch(
    filter: NormalizedFilter,
    direction: Direction,
    lower: number,
    upper: number,
    limit: number,
    columns: string,
  ): unknown[] {
    if (filter.empty) return [];
    const ranges = this.ranges(filter, lower, upper);
    if (direction === 'asc') ranges.reverse();
    const rows: unknown[] = [];
    for (const wide of ranges) {
      const range = this.tighten(filter.conditions, wide);
      if (range === null) continue;
      const arms = this.plan(filter.conditions, range);
      if (arms === null) continue;
      const { sql, params } = this.pageSql(arms, range, direction, limit - rows.length, columns);
      const found = this.run(() => this.statement(sql).all(...params)) as { seq: number }[];
      found.sort(direction === 'desc' ? (a, b) => b.seq - a.seq : (a, b) => a.seq - b.seq);
      for (const row of found) rows.push(row);
      if (rows.length >= limit) break;
    }
    return rows;
  }

  /** FTS5 reports a query it cannot use as an SQL error: that is the user's text, not a fault. */
  private run<T>(query: () => T): T {
    try {
      return query();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (/fts5|unterminated string|malformed MATCH/i.test(message)) {
        throw new EbrError('VALIDATION_FAILED', 'The search text cannot be used; try other words.', {
          field: 'text',
        });
      }
      throw error;
    }
  }
}
