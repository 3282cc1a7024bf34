/**
 * (c) Encrypted vs unencrypted database on the same workload, both through
 * better-sqlite3-multiple-ciphers with the store's pragmas (WAL, synchronous=FULL, foreign_keys=ON).
 * The encrypted one is keyed like db/open.ts: cipher='sqlcipher', legacy=4, raw 256-bit key.
 *
 * Phases, on a new file per variant and round (opening a connection is never timed):
 *   insert     ROWS rows in transactions of TX_ROWS (one durable commit each)
 *   coldScan   a full-table aggregate, COLD_SCANS times, each on a newly opened connection: every page
 *              comes from the OS cache and, encrypted, is decrypted and its HMAC checked
 *   warmScan   the same aggregate WARM_SCANS times on one connection whose page cache (16 MiB by default
 *              in this build) already holds the whole table (about 4 MiB): no decryption at all
 *   lookup     LOOKUPS point queries through an index on a new connection, in the same pseudo-random
 *              order for both; pages are decrypted as first touched, then served from the cache
 * Rounds alternate which variant goes first; each phase reports the median over rounds.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { median, nsToMs, now, seededRandom, type Benchmark, type BenchResult } from './stats';

const ROWS = 20_000;
const TX_ROWS = 100;
const COLD_SCANS = 10;
const WARM_SCANS = 20;
const LOOKUPS = 20_000;
const ROUNDS = 5;

type Variant = 'unencrypted' | 'encrypted';
const PHASES = ['insert', 'coldScan', 'warmScan', 'lookup'] as const;
type Phase = (typeof PHASES)[number];
const PHASE_NAMES: Record<Phase, string> = {
  insert: 'insert',
  coldScan: 'cold scan',
  warmScan: 'warm scan',
  lookup: 'lookup',
};

function open(file: string, key: Buffer | null): Database.Database {
  const sqlite = new Database(file);
  if (key) {
    sqlite.pragma(`cipher='sqlcipher'`);
    sqlite.pragma('legacy=4');
    sqlite.pragma(`key="x'${key.toString('hex')}'"`);
  }
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  return sqlite;
}

/** The comparison is void unless one file really is encrypted and the other really is not. */
function assertEncryption(file: string, encrypted: boolean): void {
  const header = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  const plaintext = header.equals(Buffer.from('SQLite format 3\0', 'latin1'));
  if (plaintext === encrypted) throw new Error(`${file} is ${plaintext ? 'not ' : ''}encrypted`);
}

const code = (i: number) => `MAT-${String(i).padStart(6, '0')}`;

function workload(file: string, key: Buffer | null): Record<Phase, number> & { fileBytes: number } {
  const times = {} as Record<Phase, number>;
  let sqlite = open(file, key);
  sqlite.exec(`CREATE TABLE items (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL,
    batch_id TEXT NOT NULL,
    quantity REAL NOT NULL,
    payload TEXT NOT NULL
  ) STRICT`);
  sqlite.exec('CREATE UNIQUE INDEX items_code ON items (code)');
  const insert = sqlite.prepare('INSERT INTO items (code, batch_id, quantity, payload) VALUES (?, ?, ?, ?)');
  const insertMany = sqlite.transaction((from: number) => {
    for (let i = from; i < from + TX_ROWS; i++) {
      const payload = JSON.stringify({
        step: `OP${10 + (i % 7) * 10}.S${i % 25}`,
        lot: `L-${1000 + (i % 300)}`,
        balance: 'BAL-07',
        serial: 'SN-2231-88',
        note: 'captured from balance, stable reading, within limits',
      });
      insert.run(
        code(i),
        `B-2026-${String(1 + (i % 40)).padStart(4, '0')}`,
        12.5 + (i % 997) / 1000,
        payload,
      );
    }
  });
  let start = now();
  for (let from = 0; from < ROWS; from += TX_ROWS) insertMany.immediate(from);
  times.insert = nsToMs(now() - start);
  sqlite.close();

  // Cold: every scan on a newly opened connection, so each page comes from the OS cache and (encrypted)
  // is decrypted and authenticated. Opening is not timed.
  const scanSql = 'SELECT count(*) AS n, sum(quantity) AS total, max(length(payload)) AS widest FROM items';
  const checkScan = (result: unknown) => {
    if ((result as { n: number }).n !== ROWS) throw new Error(`scan saw ${(result as { n: number }).n} rows`);
  };
  times.coldScan = 0;
  for (let i = 0; i < COLD_SCANS; i++) {
    sqlite = open(file, key);
    const scan = sqlite.prepare(scanSql);
    start = now();
    checkScan(scan.get());
    times.coldScan += nsToMs(now() - start);
    sqlite.close();
  }

  // Warm: the table (about 4 MiB) fits SQLite's page cache (16 MiB by default in this build), so
  // after the first scan no page is decrypted again.
  sqlite = open(file, key);
  const scan = sqlite.prepare(scanSql);
  checkScan(scan.get());
  start = now();
  for (let i = 0; i < WARM_SCANS; i++) checkScan(scan.get());
  times.warmScan = nsToMs(now() - start);
  sqlite.close();

  // Lookups on a new connection: pages are decrypted as they are first touched, then cached.
  sqlite = open(file, key);
  const lookup = sqlite.prepare('SELECT id, batch_id, quantity, payload FROM items WHERE code = ?');
  const random = seededRandom(42);
  start = now();
  for (let i = 0; i < LOOKUPS; i++) {
    if (!lookup.get(code(Math.floor(random() * ROWS)))) throw new Error('lookup missed');
  }
  times.lookup = nsToMs(now() - start);
  sqlite.close();
  assertEncryption(file, key !== null);
  return { ...times, fileBytes: statSync(file).size };
}

export const encryptionOverhead: Benchmark = {
  name: 'encryption-overhead',
  async run(): Promise<BenchResult> {
    const folder = mkdtempSync(join(tmpdir(), 'ebr-bench-cipher-'));
    try {
      const key = randomBytes(32);
      const runs: Record<Variant, (Record<Phase, number> & { fileBytes: number })[]> = {
        unencrypted: [],
        encrypted: [],
      };
      for (let round = 0; round < ROUNDS; round++) {
        const order: Variant[] =
          round % 2 === 0 ? ['unencrypted', 'encrypted'] : ['encrypted', 'unencrypted'];
        for (const variant of order) {
          const file = join(folder, `${variant}-${round}.db`);
          runs[variant].push(workload(file, variant === 'encrypted' ? key : null));
        }
      }
      const phaseMedian = (variant: Variant, phase: Phase) => median(runs[variant].map((run) => run[phase]));
      const totalMedian = (variant: Variant) =>
        median(runs[variant].map((run) => PHASES.reduce((sum, phase) => sum + run[phase], 0)));

      const phaseLabel: Record<Phase, string> = {
        insert: `insert ${ROWS.toLocaleString('en-US')} rows, ${TX_ROWS}/transaction`,
        coldScan: `full-table scan x${COLD_SCANS}, each on a new connection (pages decrypted)`,
        warmScan: `full-table scan x${WARM_SCANS}, table in SQLite's page cache`,
        lookup: `${LOOKUPS.toLocaleString('en-US')} random indexed lookups, new connection`,
      };
      const rows = PHASES.flatMap((phase) => {
        const plain = phaseMedian('unencrypted', phase);
        const encrypted = phaseMedian('encrypted', phase);
        return [
          { measure: `${phaseLabel[phase]}: unencrypted`, value: plain, unit: 'ms' },
          { measure: `${phaseLabel[phase]}: encrypted`, value: encrypted, unit: 'ms' },
          {
            measure: `${phaseLabel[phase]}: ratio encrypted/unencrypted`,
            value: encrypted / plain,
            unit: 'x',
          },
        ];
      });
      const totalPlain = totalMedian('unencrypted');
      const totalEncrypted = totalMedian('encrypted');
      rows.push(
        { measure: 'whole workload: unencrypted', value: totalPlain, unit: 'ms' },
        { measure: 'whole workload: encrypted', value: totalEncrypted, unit: 'ms' },
        {
          measure: 'whole workload: ratio encrypted/unencrypted',
          value: totalEncrypted / totalPlain,
          unit: 'x',
        },
        { measure: 'file size: unencrypted', value: runs.unencrypted[0]!.fileBytes / 1024, unit: 'KiB' },
        { measure: 'file size: encrypted', value: runs.encrypted[0]!.fileBytes / 1024, unit: 'KiB' },
      );
      return {
        name: 'encryption-overhead',
        description: `same workload on SQLCipher 4 (raw key) vs plain SQLite, WAL + synchronous=FULL, median of ${ROUNDS} alternating rounds`,
        rows,
        ratios: [
          { label: 'encryption encrypted/unencrypted whole workload', value: totalEncrypted / totalPlain },
          ...PHASES.map((phase) => ({
            label: `encryption encrypted/unencrypted ${PHASE_NAMES[phase]}`,
            value: phaseMedian('encrypted', phase) / phaseMedian('unencrypted', phase),
          })),
        ],
        raw: {
          rows: ROWS,
          rowsPerTransaction: TX_ROWS,
          coldScans: COLD_SCANS,
          warmScans: WARM_SCANS,
          lookups: LOOKUPS,
          rounds: ROUNDS,
          runs,
        },
      };
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  },
};
