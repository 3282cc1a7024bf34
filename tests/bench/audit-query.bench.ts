/**
 * (d) Audit-trail viewer: page latency over a seeded trail of ROWS (1,000,000) audit rows.
 *
 * The store is created like the application's (db/open.ts: SQLCipher 4, WAL, synchronous=FULL, every
 * migration, so the FTS5 index, the viewer's indexes and the clock-step trigger all exist and fire
 * during seeding). Rows are inserted straight into audit_trail with prepared statements in
 * transactions of 50,000 (no hash chain: nothing here verifies it). The mix is realistic: ~50 people
 * with a skewed share of the work, weighings, batch steps and parameters, signatures, sign-ins,
 * devices, recipes, materials; texts with accents, µ, ± and °C; one year of times with the clock set
 * back by 2 hours in the middle.
 *
 * Then, on a newly opened connection, each case times AuditQuery.page (pageSize 50) over varied
 * arguments (random entity ids, people, actions, time windows, successive pages) and reports p50 /
 * p99 / max. Also: the first page on a cold connection, forEachInScope throughput, and the CSV and PDF
 * exports at their row limits. The temporary folder is deleted at the end.
 *
 *   AUDIT_QUERY_ROWS=100000 npm run bench -- audit-query     a smaller trail, for a quick look
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { openStore } from '../../db/open';
import { exportAuditCsv, exportAuditPdf, type ExportContext } from '../../electron/core/audit/audit-export';
import { AuditQuery } from '../../electron/core/audit/audit-query';
import type { AuditFilter } from '../../shared/contract/audit-trail';
import {
  nsToMs,
  now,
  rawMs,
  seededRandom,
  summarize,
  type Benchmark,
  type BenchResult,
  type BenchRow,
  type Summary,
} from './stats';

const ROWS = Number(process.env.AUDIT_QUERY_ROWS ?? 1_000_000);
const PAGE_SIZE = 50;
const SAMPLES = 200;
const BUDGET_MS = 100;

interface Case {
  name: string;
  /** One sample: the arguments of one page() call, from a seeded random source. */
  sample: (random: () => number, state: CaseState) => { filter: AuditFilter; beforeSeq?: number };
}

/** Lets a case walk successive pages: the cursor the previous page returned, per case. */
interface CaseState {
  next: number | null;
}

function openBenchStore(file: string, key: Buffer): Database.Database {
  const sqlite = new Database(file, { fileMustExist: true });
  sqlite.pragma(`cipher='sqlcipher'`);
  sqlite.pragma('legacy=4');
  sqlite.pragma(`key="x'${key.toString('hex')}'"`);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  return sqlite;
}

const iso = (ms: number) => new Date(ms).toISOString();

export const auditQuery: Benchmark = {
  name: 'audit-query',
  async run(): Promise<BenchResult> {
    const dir = mkdtempSync(join(tmpdir(), 'ebr-bench-audit-query-'));
    const file = join(dir, 'ebr.db');
    const key = randomBytes(32);
    try {
      // ---- seed ------------------------------------------------------------------------------
      const store = openStore({ file, key, mode: 'create', nowUtc: iso(SEED_START_MS) });
      const { sqlite: seedDb } = store;
      const users = seedUsers(seedDb, 50, iso(SEED_START_MS));
      const terminalIds = ['t-gran-01', 't-weigh-02', 't-pack-03'];
      const addTerminal = seedDb.prepare(
        `INSERT INTO terminals (id, name, location, public_key_pem, fingerprint, created_at_utc)
         VALUES (?, ?, 'Building 4', 'not-a-key', ?, ?)`,
      );
      terminalIds.forEach((id, i) =>
        addTerminal.run(id, `WS-${id.slice(2).toUpperCase()}`, `fp-${i}`, iso(SEED_START_MS)),
      );
      const seeded = seedAuditRows(seedDb, { rows: ROWS, users, terminalIds });
      const checkpointStart = now();
      seedDb.pragma('wal_checkpoint(TRUNCATE)');
      const checkpointMs = nsToMs(now() - checkpointStart);
      const stepsCount = seedDb
        .prepare('SELECT count(*) FROM audit_trail_clock_steps')
        .pluck()
        .get() as number;
      store.close();
      const fileMiB = statSync(file).size / 2 ** 20;

      // ---- measure ---------------------------------------------------------------------------
      const sqlite = openBenchStore(file, key);
      const query = new AuditQuery(sqlite);
      const coldStart = now();
      query.page({}, undefined, PAGE_SIZE);
      const coldFirstPageMs = nsToMs(now() - coldStart);
      const coldTextStart = now();
      query.page({ userId: users[3]!.id, text: 'stéarate' }, undefined, PAGE_SIZE);
      const coldFilteredMs = nsToMs(now() - coldTextStart);

      const head = query.headSeq();
      const entityTypes = [
        'batch',
        'weighing',
        'device',
        'recipe',
        'material',
        'user',
        'terminal',
        'settings',
      ];
      const actions = sqlite
        .prepare(
          `WITH RECURSIVE a(x) AS (SELECT (SELECT min(action) FROM audit_trail)
             UNION ALL SELECT (SELECT min(action) FROM audit_trail INDEXED BY audit_trail_action WHERE action > a.x) FROM a WHERE a.x IS NOT NULL)
           SELECT x FROM a WHERE x IS NOT NULL`,
        )
        .pluck()
        .all() as string[];
      const pick = <T>(random: () => number, list: readonly T[]): T =>
        list[Math.floor(random() * list.length)]!;
      const batch = (random: () => number) =>
        `B-2026-${String(1 + Math.floor(random() * seeded.batches)).padStart(4, '0')}`;
      const window = (random: () => number, days: number): AuditFilter => {
        const start = SEED_START_MS + random() * (SEED_SPAN_MS - days * 86_400_000);
        return { fromUtc: iso(start), toUtc: iso(start + days * 86_400_000 - 1) };
      };
      /** Successive pages of one filter: a new filter (from `fresh`) every 5 pages or at its end. */
      const walk =
        (fresh: (random: () => number) => AuditFilter) =>
        (random: () => number, state: CaseState & { filter?: AuditFilter; pages?: number }) => {
          if (!state.filter || state.next === null || (state.pages ?? 0) >= 5) {
            state.filter = fresh(random);
            state.next = null;
            state.pages = 0;
          }
          state.pages! += 1;
          return { filter: state.filter, beforeSeq: state.next ?? undefined };
        };

      const cases: Case[] = [
        { name: 'no filter, first page', sample: () => ({ filter: {} }) },
        { name: 'no filter, successive pages', sample: walk(() => ({})) },
        {
          name: 'no filter, deep page (beforeSeq near the start)',
          sample: (r) => ({ filter: {}, beforeSeq: 1000 + Math.floor(r() * 20_000) }),
        },
        {
          name: 'entity (batch + id), 5 pages each',
          sample: walk((r) => ({ entityType: 'batch', entityId: batch(r) })),
        },
        { name: 'entity id alone (any type)', sample: walk((r) => ({ entityId: batch(r) })) },
        { name: 'entity type', sample: walk((r) => ({ entityType: pick(r, entityTypes) })) },
        { name: 'user, 5 pages each', sample: walk((r) => ({ userId: pick(r, users).id })) },
        { name: 'action (any of all actions)', sample: walk((r) => ({ action: pick(r, actions) })) },
        { name: 'time range: 1 day', sample: walk((r) => window(r, 1)) },
        { name: 'time range: 1 month', sample: walk((r) => window(r, 30)) },
        {
          name: 'time range across the clock step',
          sample: walk(() => ({
            fromUtc: iso(SEED_START_MS + SEED_SPAN_MS / 2 - 3 * 3_600_000),
            toUtc: iso(SEED_START_MS + SEED_SPAN_MS / 2),
          })),
        },
        { name: `text: common word ("${COMMON_WORD}")`, sample: walk(() => ({ text: COMMON_WORD })) },
        {
          name: 'text: 3-letter prefix of a word in most rows ("bat")',
          sample: walk(() => ({ text: 'bat' })),
        },
        { name: 'text: 2-letter word ("kg", whole word)', sample: walk(() => ({ text: 'kg' })) },
        { name: 'text: accented word ("Müller")', sample: walk(() => ({ text: 'Müller' })) },
        { name: `text: rare word ("${RARE_WORD}")`, sample: () => ({ filter: { text: RARE_WORD } }) },
        {
          name: 'combined: user + action',
          sample: walk((r) => ({ userId: pick(r, users).id, action: pick(r, actions) })),
        },
        {
          name: 'combined: batch type + user + 1-month range',
          sample: walk((r) => ({ entityType: 'batch', userId: pick(r, users).id, ...window(r, 30) })),
        },
        {
          name: 'combined: batch + text',
          sample: walk((r) => ({
            entityType: 'batch',
            entityId: batch(r),
            text: pick(r, ['lot', 'verified', 'OP30', 'done']),
          })),
        },
        {
          name: 'combined: user + common text',
          sample: walk((r) => ({
            userId: pick(r, users).id,
            text: pick(r, ['lot', 'kg', 'ready', 'login']),
          })),
        },
        {
          name: 'combined: action + 1-week range + text',
          sample: walk((r) => ({
            action: 'weighing.capture',
            ...window(r, 7),
            text: pick(r, ['stéarate', 'talc', 'lot']),
          })),
        },
        {
          name: 'contradictory: type batch + action weighing.capture (no rows)',
          sample: () => ({ filter: { entityType: 'batch', action: 'weighing.capture' } }),
        },
        {
          name: 'contradictory + common text (no rows)',
          sample: () => ({ filter: { entityType: 'batch', action: 'weighing.capture', text: 'lot' } }),
        },
      ];

      const rows: BenchRow[] = [];
      const raw: Record<string, unknown> = {};
      const summaries: Record<string, Summary> = {};
      const plans: Record<string, unknown> = {};
      let worstP99 = 0;
      let worstCase = '';
      for (const [index, benchCase] of cases.entries()) {
        const random = seededRandom(1000 + index);
        const state: CaseState = { next: null };
        const durations: bigint[] = [];
        let rowsReturned = 0;
        // Warm-up: the statement cache and the pages the case touches first, as in a running app.
        for (let i = 0; i < 3; i++)
          query.page(benchCase.sample(seededRandom(1), { next: null }).filter, undefined, PAGE_SIZE);
        for (let i = 0; i < SAMPLES; i++) {
          const { filter, beforeSeq } = benchCase.sample(random, state);
          const start = now();
          const page = query.page(filter, beforeSeq, PAGE_SIZE);
          durations.push(now() - start);
          state.next = page.nextBeforeSeq;
          rowsReturned += page.rows.length;
        }
        const summary = summarize(durations);
        summaries[benchCase.name] = summary;
        raw[benchCase.name] = { ...summary, rowsReturned, ms: rawMs(durations) };
        plans[benchCase.name] = query.explain(
          benchCase.sample(seededRandom(2000 + index), { next: null }).filter,
        );
        rows.push({ measure: `${benchCase.name}: p50`, value: summary.p50, unit: 'ms' });
        rows.push({ measure: `${benchCase.name}: p99`, value: summary.p99, unit: 'ms' });
        if (summary.p99 > worstP99) {
          worstP99 = summary.p99;
          worstCase = benchCase.name;
        }
      }

      // A review's digest over one month of one entity type, oldest first.
      const scopeStart = now();
      let scopeRows = 0;
      const digest = createHash('sha256');
      query.forEachInScope(
        { entityType: 'weighing', ...window(seededRandom(5), 30) },
        head,
        ({ seq, hash }) => {
          digest.update(`${seq}:${hash}\n`);
          scopeRows += 1;
        },
      );
      const scopeMs = nsToMs(now() - scopeStart);

      const context: ExportContext = {
        terminalName: 'WS-GRAN-01',
        exportedBy: 'Zoë Ångström',
        exportedAtUtc: iso(SEED_START_MS + SEED_SPAN_MS),
        applicationVersion: 'bench',
        timeZone: 'Europe/Berlin',
      };
      const csvStart = now();
      const csv = exportAuditCsv(query, {}, context);
      const csvMs = nsToMs(now() - csvStart);
      const pdfStart = now();
      const pdf = exportAuditPdf(query, {}, context);
      const pdfMs = nsToMs(now() - pdfStart);
      sqlite.close();

      rows.push(
        { measure: 'worst p99 of the cases above', value: worstP99, unit: 'ms' },
        {
          measure: 'first page on a newly opened connection (cold cache)',
          value: coldFirstPageMs,
          unit: 'ms',
        },
        { measure: 'then a user + text page (cold cache)', value: coldFilteredMs, unit: 'ms' },
        {
          measure: `forEachInScope: 1 month of weighings (${scopeRows.toLocaleString('en-US')} rows)`,
          value: scopeMs,
          unit: 'ms',
        },
        {
          measure: `CSV export, no filter (${csv.rowCount.toLocaleString('en-US')} rows)`,
          value: csvMs / 1000,
          unit: 's',
        },
        {
          measure: `PDF export, no filter (${pdf.rowCount.toLocaleString('en-US')} rows)`,
          value: pdfMs / 1000,
          unit: 's',
        },
        {
          measure: `seed: ${ROWS.toLocaleString('en-US')} rows, FTS + index triggers on`,
          value: seeded.seconds,
          unit: 's',
        },
        { measure: 'seed rate', value: ROWS / seeded.seconds, unit: 'rows/s' },
        { measure: 'database file after seeding', value: fileMiB, unit: 'MiB' },
      );
      return {
        name: 'audit-query',
        description:
          `AuditQuery.page (pageSize ${PAGE_SIZE}) over ${ROWS.toLocaleString('en-US')} seeded audit rows in an encrypted store, ` +
          `${SAMPLES} pages per case with varied arguments (p50/p99); worst case "${worstCase}"; budget ${BUDGET_MS} ms per page`,
        rows,
        ratios: [{ label: `audit-query worst p99 / ${BUDGET_MS} ms budget`, value: worstP99 / BUDGET_MS }],
        raw: {
          rows: ROWS,
          pageSize: PAGE_SIZE,
          samplesPerCase: SAMPLES,
          seedSeconds: seeded.seconds,
          checkpointMs,
          clockSteps: stepsCount,
          clockStepBackSeq: seeded.clockStepBackSeq,
          fileMiB,
          coldFirstPageMs,
          coldFilteredMs,
          scope: { rows: scopeRows, ms: scopeMs, digest: digest.digest('hex') },
          csv: {
            rows: csv.rowCount,
            truncated: csv.truncated,
            bytes: Math.round((csv.base64.length * 3) / 4),
            ms: csvMs,
          },
          pdf: {
            rows: pdf.rowCount,
            truncated: pdf.truncated,
            bytes: Math.round((pdf.base64.length * 3) / 4),
            ms: pdfMs,
          },
          cases: raw,
          plans,
        },
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

// ---- seeding -------------------------------------------------------------------------------------
//
// Deterministic for a given seed. Mix (of ROWS): weighings ~38 %, batch steps / parameters ~30 %,
// signatures ~8 %, sign-ins ~12 %, devices ~6 %, recipes ~2 %, materials ~3 %, users / terminals /
// settings the rest; a person's share of the work falls off as 1/(1 + i/5).

const SEED_START_MS = Date.UTC(2025, 10, 1, 6, 0, 0, 0);
const SEED_SPAN_MS = 365 * 24 * 3600 * 1000;

const FIRST_NAMES = [
  'José',
  'Zoë',
  'Jürgen',
  'Åsa',
  'François',
  'Ines',
  'Łukasz',
  'Chloé',
  'Sørina',
  'Björn',
  'Mónica',
  'Noël',
  'Renée',
  'Dagmar',
  'Kemal',
  'Aoife',
  'Tomás',
  'Hélène',
  'Mateusz',
  'Greta',
  'Ömer',
  'Priya',
  'Ruairí',
  'Saoirse',
  'Václav',
];
const LAST_NAMES = [
  'Müller',
  'Ångström',
  'García',
  'Nowak',
  'Lefèvre',
  'O’Brien',
  'Schröder',
  'Dvořák',
  'Kovač',
  'Jäger',
  'Østergaard',
  'Fernández',
  'Brontë',
  'Weiß',
  'Çelik',
  'Nieminen',
  'Rossi',
  'Dubois',
];
const MATERIALS = [
  'Magnesium stéarate',
  'Cellulose microcristalline',
  'Lactose monohydrate',
  'API-0042 Ibuprofène',
  'Povidone K30',
  'Croscarmellose sodique',
  'Silice colloïdale',
  'Talc',
  'Amidon de maïs',
  'Hypromellose',
  'Dioxyde de titane',
  'Éthanol 96 %',
  'Eau purifiée',
];
const PARAMETERS = ['temperature', 'humidity', 'pressure', 'ph', 'speed', 'duration'];
const UNITS: Record<string, string> = {
  temperature: '°C',
  humidity: '% RH',
  pressure: 'mbar',
  ph: 'pH',
  speed: 'rpm',
  duration: 'min',
};
const REASONS = [
  'Transcription error corrected; see deviation DEV-2026-0113',
  'Balance not stable, value captured again',
  'Wrong lot scanned, corrected after line clearance',
  'Operator typed grams instead of kilograms',
  'Value out of range ± tolerance, re-measured',
  'Sample re-taken after µ-filter change',
];
/** A word that occurs in about 20 rows of a million: the rare-word search. */
const RARE_WORD = 'Zentrifugenausfall';
const COMMON_WORD = 'lot';

interface SeedUser {
  id: string;
  username: string;
  fullName: string;
}

interface SeedSummary {
  rows: number;
  users: SeedUser[];
  batches: number;
  seconds: number;
  /** seq of the first row after the clock was set back. */
  clockStepBackSeq: number;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function seedUsers(sqlite: Database.Database, count: number, nowUtc: string): SeedUser[] {
  const random = seededRandom(7);
  const insert = sqlite.prepare(
    `INSERT INTO users (id, username, full_name, password_hash, roles, status, must_change_password, created_at_utc)
     VALUES (?, ?, ?, 'not-a-hash', '["operator"]', 'active', 0, ?)`,
  );
  const users: SeedUser[] = [];
  sqlite.transaction(() => {
    for (let i = 0; i < count; i++) {
      const first = FIRST_NAMES[Math.floor(random() * FIRST_NAMES.length)]!;
      const last = LAST_NAMES[Math.floor(random() * LAST_NAMES.length)]!;
      const user = {
        id: `u-${pad(i, 4)}-${createHash('sha256').update(String(i)).digest('hex').slice(0, 12)}`,
        username: `op${pad(i, 3)}`,
        fullName: `${first} ${last}`,
      };
      insert.run(user.id, user.username, user.fullName, nowUtc);
      users.push(user);
    }
  })();
  return users;
}

interface Row {
  seq: number;
  atUtc: string;
  userId: string | null;
  userName: string | null;
  terminalId: string;
  action: string;
  entityType: string;
  entityId: string;
  oldValue: string | null;
  newValue: string | null;
  reason: string | null;
  prevHash: string;
  hash: string;
}

/**
 * Appends `rows` audit rows after the current last seq. Rows come in "changes" of 1–6 rows sharing
 * one time and one person, as AuditTrail.change writes them.
 */
function seedAuditRows(
  sqlite: Database.Database,
  options: { rows: number; users: SeedUser[]; terminalIds: string[]; seed?: number; txRows?: number },
): SeedSummary {
  const started = process.hrtime.bigint();
  const random = seededRandom(options.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const { users, terminalIds } = options;
  const txRows = options.txRows ?? 50_000;
  // Skewed workload: person i works with weight 1/(1+i/5).
  const weights = users.map((_, i) => 1 / (1 + i / 5));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const pickUser = (): SeedUser => {
    let r = random() * totalWeight;
    for (let i = 0; i < users.length; i++) {
      r -= weights[i]!;
      if (r <= 0) return users[i]!;
    }
    return users[users.length - 1]!;
  };
  const insert = sqlite.prepare(
    `INSERT INTO audit_trail (seq, at_utc, user_id, user_name, terminal_id, action, entity_type, entity_id, old_value, new_value, reason, prev_hash, hash)
     VALUES (@seq, @atUtc, @userId, @userName, @terminalId, @action, @entityType, @entityId, @oldValue, @newValue, @reason, @prevHash, @hash)`,
  );
  const head = sqlite.prepare('SELECT seq, hash FROM audit_trail ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: string } | undefined;
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? '0'.repeat(64);
  const first = seq + 1;
  const last = seq + options.rows;
  const batches = 400;
  let weighingId = 0;
  let rareLeft = 20;
  const stepBackAt = first + Math.floor(options.rows / 2);
  let clockStepBackSeq = 0;
  let clockOffsetMs = 0;

  const rowFor = (n: number, atUtc: string, actor: SeedUser | null, terminalId: string): Row => {
    const kind = random();
    const base = {
      seq: n,
      atUtc,
      userId: actor?.id ?? null,
      userName: actor?.fullName ?? null,
      terminalId,
      oldValue: null as string | null,
      newValue: null as string | null,
      reason: null as string | null,
    };
    const batch = `B-2026-${pad(1 + Math.floor(((n - first) / (last - first + 1)) * batches + random() * 3), 4)}`;
    let row: Omit<Row, 'prevHash' | 'hash'>;
    if (kind < 0.38) {
      const corrected = random() < 0.04;
      const material = pick(MATERIALS);
      const net = Math.round((0.5 + random() * 40) * 1000) / 1000;
      const value = {
        batch,
        material,
        lot: `L-${1000 + Math.floor(random() * 900)}`,
        net,
        unit: random() < 0.8 ? 'kg' : 'g',
        tare: 0.412,
        balance: `BAL-${pad(1 + Math.floor(random() * 12), 2)}`,
      };
      const entityId = corrected
        ? `W-${pad(Math.max(1, weighingId - Math.floor(random() * 50)), 7)}`
        : `W-${pad(++weighingId, 7)}`;
      row = {
        ...base,
        action: corrected ? 'weighing.correct' : 'weighing.capture',
        entityType: 'weighing',
        entityId,
        oldValue: corrected
          ? JSON.stringify({ ...value, net: Math.round((net + 0.01) * 1000) / 1000 })
          : null,
        newValue: JSON.stringify(value),
        reason: corrected ? pick(REASONS) : null,
      };
    } else if (kind < 0.68) {
      const parameter = pick(PARAMETERS);
      const step = `OP${10 + Math.floor(random() * 9) * 10}.S${Math.floor(random() * 25)}`;
      const action = pick([
        'step.complete',
        'step.complete',
        'parameter.record',
        'parameter.record',
        'step.start',
        'comment.add',
      ]);
      const value =
        action === 'parameter.record'
          ? { step, parameter, value: Math.round(random() * 1000) / 10, unit: UNITS[parameter] }
          : action === 'comment.add'
            ? {
                step,
                comment:
                  random() < 0.5 ? 'Line clearance done, lot label checked' : 'Filter changed, see log book',
              }
            : { step, status: action === 'step.start' ? 'started' : 'done' };
      let reason: string | null = null;
      if (rareLeft > 0 && random() < 0.00005) {
        rareLeft--;
        reason = `Step interrupted: ${RARE_WORD} at the granulation line`;
      }
      row = {
        ...base,
        action,
        entityType: 'batch',
        entityId: batch,
        newValue: JSON.stringify(value),
        reason,
      };
    } else if (kind < 0.76) {
      const meaning = pick(['performed', 'verified', 'verified', 'reviewed', 'approved', 'released']);
      row = {
        ...base,
        action: 'signature.sign',
        entityType: 'batch',
        entityId: batch,
        newValue: JSON.stringify({
          meaning,
          record: `${batch}/OP${10 + Math.floor(random() * 9) * 10}`,
          signer: actor?.fullName ?? null,
        }),
      };
    } else if (kind < 0.88) {
      const failed = random() < 0.05;
      row = {
        ...base,
        action: failed
          ? 'auth.login_failed'
          : pick(['auth.login', 'auth.logout', 'auth.lock', 'auth.unlock']),
        entityType: 'user',
        entityId: actor?.id ?? 'unknown',
        newValue: failed ? JSON.stringify({ failedAttempts: 1 + Math.floor(random() * 3) }) : null,
      };
    } else if (kind < 0.94) {
      const device = `DEV-${pad(1 + Math.floor(random() * 40), 3)}`;
      const calibrate = random() < 0.3;
      row = {
        ...base,
        action: calibrate ? 'device.calibrate' : 'device.status',
        entityType: 'device',
        entityId: device,
        oldValue: calibrate ? null : JSON.stringify({ status: 'ready' }),
        newValue: calibrate
          ? JSON.stringify({
              reference: '2.000 kg',
              reading: `${(2 + (random() - 0.5) / 500).toFixed(4)} kg`,
              tolerance: '± 0.1 %',
              temperature: '21.4 °C',
            })
          : JSON.stringify({ status: pick(['ready', 'busy', 'error', 'maintenance']) }),
      };
    } else if (kind < 0.96) {
      const recipe = `R-${pad(1 + Math.floor(random() * 30), 3)}`;
      const action = pick(['recipe.edit', 'recipe.edit', 'recipe.approve', 'recipe.retire']);
      row = {
        ...base,
        action,
        entityType: 'recipe',
        entityId: recipe,
        oldValue: action === 'recipe.edit' ? JSON.stringify({ version: 3, granulationTime: '12 min' }) : null,
        newValue: JSON.stringify({ version: 4, granulationTime: '14 min', material: pick(MATERIALS) }),
        reason: action === 'recipe.edit' ? 'Change control CC-2026-017' : null,
      };
    } else if (kind < 0.99) {
      row = {
        ...base,
        action: pick(['material.receive', 'material.release', 'material.quarantine']),
        entityType: 'material',
        entityId: `M-${pad(1 + Math.floor(random() * 200), 4)}`,
        newValue: JSON.stringify({
          name: pick(MATERIALS),
          lot: `L-${1000 + Math.floor(random() * 900)}`,
          expiry: '2028-06-30',
        }),
      };
    } else {
      const kind2 = random();
      row =
        kind2 < 0.5
          ? {
              ...base,
              action: pick(['user.create', 'user.roles', 'user.disable', 'user.reset_password']),
              entityType: 'user',
              entityId: pick(users).id,
              newValue: JSON.stringify({ roles: ['operator', 'verifier'] }),
              reason: 'Training record TR-2026-044 completed',
            }
          : kind2 < 0.8
            ? {
                ...base,
                action: 'terminal.register',
                entityType: 'terminal',
                entityId: terminalId,
                newValue: JSON.stringify({ status: 'registered' }),
              }
            : {
                ...base,
                action: 'settings.change',
                entityType: 'settings',
                entityId: 'security',
                oldValue: JSON.stringify({ inactivityMinutes: 10 }),
                newValue: JSON.stringify({ inactivityMinutes: 15 }),
                reason: 'Annual security review',
              };
    }
    const hash = createHash('sha256').update(prevHash).update(String(n)).digest('hex');
    const full: Row = { ...row, prevHash, hash };
    prevHash = hash;
    return full;
  };

  const stepMs = SEED_SPAN_MS / options.rows;
  while (seq < last) {
    const end = Math.min(last, seq + txRows);
    sqlite.transaction(() => {
      while (seq < end) {
        // One change: 1–6 rows, one time, one person, one terminal.
        const size = Math.min(end - seq, 1 + Math.floor(random() * random() * 6));
        if (clockStepBackSeq === 0 && seq + 1 >= stepBackAt) {
          clockStepBackSeq = seq + 1;
          clockOffsetMs = -2 * 3600 * 1000;
        }
        const atMs = SEED_START_MS + (seq + 1 - first) * stepMs + clockOffsetMs;
        const atUtc = new Date(Math.floor(atMs)).toISOString();
        const actor = random() < 0.01 ? null : pickUser();
        const terminalId = pick(terminalIds);
        for (let i = 0; i < size; i++) insert.run(rowFor(++seq, atUtc, actor, terminalId));
      }
    })();
  }
  return {
    rows: options.rows,
    users,
    batches,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    clockStepBackSeq,
  };
}
