/**
 * P11-10e (secure, computer-generated, time-stamped audit trail; changes do not obscure what was
 * recorded before) and P11-10a (ability to discern invalid or altered records).
 *
 * A store with 43 audit rows in 13 transactions (13 signed checkpoints) is attacked through a raw
 * connection that holds the key, as anyone with the recovery key could: the append-only triggers
 * are dropped and rows are edited, deleted, inserted, reordered, rewritten with recomputed hashes,
 * or cut off the tail. The verifier must name the first row that cannot be trusted, and why.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { cpSync as copyFolder, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AuditBreakKind, AuditVerificationReport } from '../../shared/contract/audit';
import { EbrError } from '../../shared/errors';
import { createApp, type Connection, type EbrApp } from '../../electron/core/app';
import { checkpointMessage } from '../../electron/core/audit/chain';
import { manualClock } from '../../electron/core/clock';
import { profileAnchorDirectory } from '../../electron/core/audit/head-anchor';
import { dataFolderPath } from '../../electron/core/data-folder';
import { recoveryKeyProvider } from '../../electron/core/keys/recovery-key';
import { fingerprintOf } from '../../electron/core/terminal/terminal-key';
import {
  ADMIN_PASSWORD,
  ADMIN_SETUP_PASSWORD,
  freshApp,
  initializedFolder,
  signIn,
  TEST_START_MS,
  temporaryFolder,
  type FreshApp,
} from '../helpers/fresh-app';
import { isolateAnchors } from '../helpers/anchors';
import {
  auditRow,
  auditRows,
  dropAppendOnlyTriggers,
  insertAuditRow,
  recomputeChainFrom,
  snapshotFolder,
  verifyFolder,
  withRaw,
} from '../helpers/tamper';

const ROWS_PER_TRANSACTION = 4;
const FILL_TRANSACTIONS = 10;
/** The administrator's first sign-in, password change and sign-out at close: one row each. */
const SIGN_IN_ROWS = ['auth.login', 'auth.password-changed', 'auth.logout'];
const ROWS = FILL_TRANSACTIONS * ROWS_PER_TRANSACTION + SIGN_IN_ROWS.length;
const CHECKPOINTS = FILL_TRANSACTIONS + SIGN_IN_ROWS.length;
const adminName = 'Ada Administrator';

let baseRoot: string;
let baseDataDir: string;
let recoveryKey: string;
const cleanups: (() => Promise<void> | void)[] = [];

/**
 * Setup writes rows 1–4 (checkpoint #1); nine more transactions of four rows each follow, so
 * checkpoint #k (k ≤ 10) signs row 4k and covers rows 4k−3 … 4k. Then the administrator signs in
 * once and changes the setup password (rows 41, 42), and closing the app signs them out (row 43),
 * so that every attacked copy below can be opened by a signed-in administrator.
 */
beforeAll(async () => {
  const clock = manualClock(TEST_START_MS);
  const folder = await initializedFolder({ clock });
  baseDataDir = folder.dataDir;
  baseRoot = join(folder.dataDir, '..');
  recoveryKey = folder.recoveryKey;
  const app = await createApp({
    dataDir: baseDataDir,
    keyProvider: recoveryKeyProvider(recoveryKey),
    clock,
    sessionCheckIntervalMs: 0,
  });
  expect(app.status).toBe('ready');
  for (let transaction = 2; transaction <= FILL_TRANSACTIONS; transaction += 1) {
    clock.advance(60_000 + transaction);
    app.runtime!.audit.change({ userId: folder.adminUserId, userName: adminName }, ({ record }) => {
      for (let i = 0; i < ROWS_PER_TRANSACTION; i += 1) {
        record({
          action: i === 0 ? 'batch.step-completed' : 'batch.value-recorded',
          entityType: 'batch-step',
          entityId: `B-${transaction}-${i}`,
          oldValue: i === 2 ? { value: transaction } : null,
          newValue: { value: transaction * 10 + i, unit: 'g' },
          reason: i === 2 ? `Correction ${transaction}` : null,
        });
      }
    });
  }
  clock.advance(60_000);
  await signIn(app, 'admin', ADMIN_SETUP_PASSWORD, ADMIN_PASSWORD);
  await app.close();
});

afterAll(() => {
  rmSync(baseRoot, { recursive: true, force: true });
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A private copy of the base store for one attack, with its own copy of the base's anchor. */
function copyOfStore(): string {
  const root = temporaryFolder('ebr-tamper-');
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  cleanups.push(isolateAnchors());
  const dataDir = join(root, 'data');
  copyFolder(baseDataDir, dataDir, { recursive: true });
  return dataDir;
}

function tamper(dataDir: string, attack: (sqlite: Database.Database) => void): void {
  withRaw(dataDir, recoveryKey, (sqlite) => {
    dropAppendOnlyTriggers(sqlite);
    sqlite.transaction(() => attack(sqlite))();
  });
}

async function start(dataDir: string): Promise<EbrApp> {
  const app = await createApp({
    dataDir,
    keyProvider: recoveryKeyProvider(recoveryKey),
    clock: manualClock(TEST_START_MS + 86_400_000),
    sessionCheckIntervalMs: 0,
  });
  cleanups.push(() => app.close());
  return app;
}

/** A window of the app where the administrator is signed in (this writes one auth.login row). */
async function administrator(app: EbrApp): Promise<Connection> {
  const { connection, session } = await signIn(app, 'admin', ADMIN_PASSWORD);
  expect(session.state).toBe('active');
  return connection;
}

/**
 * The verifier (over a raw connection, in one page and in pages of 4 rows) and, when the app
 * still starts, its `audit.verify` channel all name the same first break.
 */
async function expectBreak(
  dataDir: string,
  kind: AuditBreakKind,
  seq: number,
): Promise<AuditVerificationReport> {
  const report = verifyFolder(dataDir, recoveryKey);
  expect(report.intact).toBe(false);
  expect(report.firstBreak).toMatchObject({ kind, seq });
  expect(report.firstBreak?.message.length).toBeGreaterThan(10);
  expect(verifyFolder(dataDir, recoveryKey, { pageSize: 4 }).firstBreak).toMatchObject({ kind, seq });
  const app = await start(dataDir);
  if (app.status === 'ready') {
    // Signing in appends a row after the break: the first break stays where it was.
    const viaChannel = await (await administrator(app)).invoke('audit.verify', {});
    expect(viaChannel).toMatchObject({ ok: true, value: { intact: false, firstBreak: { kind, seq } } });
  } else {
    expect(app.refusal?.code).toBe('AUDIT_CHAIN_BROKEN');
  }
  await app.close();
  return report;
}

function shiftRowsUp(sqlite: Database.Database, fromSeq: number): void {
  sqlite.prepare('UPDATE audit_trail SET seq = -seq WHERE seq >= ?').run(fromSeq);
  sqlite.prepare('UPDATE audit_trail SET seq = 1 - seq WHERE seq < 0').run();
}

const contentColumns = [
  'at_utc',
  'user_id',
  'user_name',
  'terminal_id',
  'action',
  'entity_type',
  'entity_id',
  'old_value',
  'new_value',
  'reason',
  'prev_hash',
  'hash',
];

function swapRows(sqlite: Database.Database, a: number, b: number): void {
  const read = sqlite.prepare(`SELECT ${contentColumns.join(', ')} FROM audit_trail WHERE seq = ?`);
  const first = read.get(a) as Record<string, unknown>;
  const second = read.get(b) as Record<string, unknown>;
  const write = sqlite.prepare(
    `UPDATE audit_trail SET ${contentColumns.map((c) => `${c} = @${c}`).join(', ')} WHERE seq = @seq`,
  );
  write.run({ ...second, seq: a });
  write.run({ ...first, seq: b });
}

describe('the untampered store', () => {
  it('is intact: every row and checkpoint checked, in one page or many', async () => {
    const report = verifyFolder(baseDataDir, recoveryKey);
    expect(report).toMatchObject({
      intact: true,
      rowsChecked: ROWS,
      checkpointsChecked: CHECKPOINTS,
      firstBreak: null,
      head: { seq: ROWS },
    });
    expect(verifyFolder(baseDataDir, recoveryKey, { pageSize: 4 })).toMatchObject({
      intact: true,
      rowsChecked: ROWS,
      checkpointsChecked: CHECKPOINTS,
    });
    const dataDir = copyOfStore();
    const app = await start(dataDir);
    const admin = await administrator(app);
    const progress: number[] = [];
    admin.on('audit.verify-progress', ({ checked }) => progress.push(checked));
    // Signing in wrote one more row and checkpoint.
    expect(await admin.invoke('audit.verify', {})).toMatchObject({
      ok: true,
      value: { intact: true, rowsChecked: ROWS + 1, checkpointsChecked: CHECKPOINTS + 1 },
    });
    expect(progress.at(-1)).toBe(ROWS + 1);
  });

  it('has the layout the attacks below rely on', () => {
    withRaw(baseDataDir, recoveryKey, (sqlite) => {
      const rows = auditRows(sqlite);
      expect(rows.map((row) => row.seq)).toEqual(Array.from({ length: ROWS }, (_, i) => i + 1));
      expect(rows.slice(0, 4).map((row) => row.action)).toEqual([
        'store.initialized',
        'terminal.created',
        'terminal.registered',
        'user.created',
      ]);
      expect(rows.slice(-SIGN_IN_ROWS.length).map((row) => row.action)).toEqual(SIGN_IN_ROWS);
      expect(sqlite.prepare('SELECT audit_seq FROM audit_checkpoints ORDER BY seq').pluck().all()).toEqual([
        ...Array.from({ length: FILL_TRANSACTIONS }, (_, i) => ROWS_PER_TRANSACTION * (i + 1)),
        41,
        42,
        43,
      ]);
    });
  });
});

describe('tamper detection (triggers dropped through a raw connection)', () => {
  it("editing a row's new_value → hash-mismatch at that row", async () => {
    const dataDir = copyOfStore();
    tamper(dataDir, (sqlite) => {
      sqlite.prepare('UPDATE audit_trail SET new_value = ? WHERE seq = 14').run('{"unit":"g","value":999}');
    });
    await expectBreak(dataDir, 'hash-mismatch', 14);
  });

  it('deleting a middle row → sequence-gap at it', async () => {
    const dataDir = copyOfStore();
    tamper(dataDir, (sqlite) => {
      sqlite.prepare('DELETE FROM audit_trail WHERE seq = 14').run();
    });
    await expectBreak(dataDir, 'sequence-gap', 14);
  });

  it('a forged row appended with a correctly recomputed chain hash → unsigned-tail at it', async () => {
    const dataDir = copyOfStore();
    tamper(dataDir, (sqlite) => {
      const last = auditRow(sqlite, ROWS);
      insertAuditRow(sqlite, {
        ...last,
        seq: ROWS + 1,
        action: 'forged.entry',
        entityId: 'FORGED',
        prevHash: last.hash,
        hash: '',
      });
      recomputeChainFrom(sqlite, ROWS + 1);
    });
    // The hash chain itself is consistent: only the missing signature betrays the row.
    withRaw(dataDir, recoveryKey, (sqlite) =>
      expect(auditRow(sqlite, ROWS + 1).prevHash).toBe(auditRow(sqlite, ROWS).hash),
    );
    await expectBreak(dataDir, 'unsigned-tail', ROWS + 1);
  });

  it('the app refuses to start on a forged tail, so its next checkpoint cannot vouch for it', async () => {
    const dataDir = copyOfStore();
    tamper(dataDir, (sqlite) => {
      const last = auditRow(sqlite, ROWS);
      insertAuditRow(sqlite, {
        ...last,
        seq: ROWS + 1,
        action: 'forged.entry',
        entityId: 'FORGED',
        prevHash: last.hash,
        hash: '',
      });
      recomputeChainFrom(sqlite, ROWS + 1);
    });
    const before = snapshotFolder(dataDir);
    const app = await start(dataDir);
    // Were it to start, the next audited change would sign a checkpoint over row 44 and the
    // verifier would then find the forged row covered by a valid signature.
    expect(app.status).toBe('refused');
    expect(app.refusal?.code).toBe('AUDIT_CHAIN_BROKEN');
    expect(app.refusal?.message).toContain(`${ROWS + 1}`);
    await app.close();
    expect(snapshotFolder(dataDir)).toEqual(before);
  });

  it('a row inserted in the middle, later rows renumbered and the whole chain recomputed → checkpoint-mismatch at or before it', async () => {
    const dataDir = copyOfStore();
    const inserted = 14;
    tamper(dataDir, (sqlite) => {
      const template = auditRow(sqlite, inserted);
      shiftRowsUp(sqlite, inserted);
      insertAuditRow(sqlite, {
        ...template,
        action: 'forged.entry',
        entityId: 'FORGED',
        newValue: '{"value":1}',
      });
      recomputeChainFrom(sqlite, inserted);
    });
    const report = await expectBreak(dataDir, 'checkpoint-mismatch', 13);
    expect(report.firstBreak!.seq).toBeLessThanOrEqual(inserted);
    // The chain of hashes alone was consistent: it took the signed checkpoint to notice.
    expect(report.rowsChecked).toBe(ROWS + 1);
  });

  it('two rows reordered by swapping their contents → break at the first of the two', async () => {
    const dataDir = copyOfStore();
    tamper(dataDir, (sqlite) => swapRows(sqlite, 14, 15));
    await expectBreak(dataDir, 'prev-hash-mismatch', 14);
  });

  it('two rows reordered and the chain recomputed → checkpoint-mismatch naming the range of the first', async () => {
    const dataDir = copyOfStore();
    tamper(dataDir, (sqlite) => {
      swapRows(sqlite, 18, 19);
      recomputeChainFrom(sqlite, 18);
    });
    // Checkpoint #5 signs row 20 and covers rows 17–20.
    const report = await expectBreak(dataDir, 'checkpoint-mismatch', 17);
    expect(report.firstBreak!.message).toContain('17–20');
  });

  it('a row rewritten with every following hash recomputed → checkpoint-mismatch naming the first rewritten row’s range', async () => {
    const dataDir = copyOfStore();
    tamper(dataDir, (sqlite) => {
      sqlite
        .prepare('UPDATE audit_trail SET new_value = ?, reason = ? WHERE seq = 22')
        .run('{"unit":"g","value":70}', 'Looks better');
      recomputeChainFrom(sqlite, 22);
    });
    // Checkpoint #6 signs row 24 and covers rows 21–24.
    const report = await expectBreak(dataDir, 'checkpoint-mismatch', 21);
    expect(report.firstBreak!.message).toContain('21–24');
    expect(report.rowsChecked).toBe(ROWS);
  });

  it('truncating the tail with its checkpoints intact → truncated at the new max + 1; the app refuses to start', async () => {
    const dataDir = copyOfStore();
    tamper(dataDir, (sqlite) => {
      sqlite.prepare('DELETE FROM audit_trail WHERE seq > 27').run();
    });
    await expectBreak(dataDir, 'truncated', 28);
    const before = snapshotFolder(dataDir);
    const app = await start(dataDir);
    expect(app.status).toBe('refused');
    expect(app.refusal?.code).toBe('AUDIT_CHAIN_BROKEN');
    await app.close();
    expect(snapshotFolder(dataDir)).toEqual(before);
  });

  it('truncating the tail and deleting its checkpoints too → the audit-head.json mirror catches it; the app refuses to start', async () => {
    const dataDir = copyOfStore();
    tamper(dataDir, (sqlite) => {
      sqlite.prepare('DELETE FROM audit_trail WHERE seq > 24').run();
      sqlite.prepare('DELETE FROM audit_checkpoints WHERE audit_seq > 24').run();
    });
    await expectBreak(dataDir, 'truncated', 25);
    const before = snapshotFolder(dataDir);
    const app = await start(dataDir);
    expect(app.status).toBe('refused');
    expect(app.refusal?.code).toBe('AUDIT_CHAIN_BROKEN');
    expect(app.refusal?.message).toMatch(/24/);
    const health = await app.connect().invoke('system.health', {});
    expect(health).toMatchObject({ ok: true, value: { status: 'refused' } });
    await app.close();
    expect(snapshotFolder(dataDir)).toEqual(before);
  });

  it('a forged checkpoint signature → checkpoint-signature-invalid for the rows it covers', async () => {
    const dataDir = copyOfStore();
    const { privateKey } = generateKeyPairSync('ed25519');
    tamper(dataDir, (sqlite) => {
      const checkpoint = sqlite
        .prepare(
          'SELECT audit_seq AS auditSeq, audit_hash AS auditHash, at_utc AS atUtc, terminal_id AS terminalId, key_id AS keyId FROM audit_checkpoints WHERE seq = 5',
        )
        .get() as Parameters<typeof checkpointMessage>[0];
      const forged = sign(null, checkpointMessage(checkpoint), privateKey).toString('base64');
      sqlite.prepare('UPDATE audit_checkpoints SET signature = ? WHERE seq = 5').run(forged);
    });
    // Checkpoint #5 signs row 20 and covers rows 17–20.
    await expectBreak(dataDir, 'checkpoint-signature-invalid', 17);
  });

  it('a checkpoint re-signed by a foreign key that names itself → checkpoint-signature-invalid', async () => {
    const dataDir = copyOfStore();
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    tamper(dataDir, (sqlite) => {
      sqlite.prepare('UPDATE audit_trail SET reason = ? WHERE seq = 14').run('rewritten');
      recomputeChainFrom(sqlite, 14);
      const rows = new Map(auditRows(sqlite).map((row) => [row.seq, row.hash]));
      const checkpoints = sqlite
        .prepare(
          'SELECT seq, audit_seq AS auditSeq, at_utc AS atUtc, terminal_id AS terminalId FROM audit_checkpoints WHERE audit_seq >= 15',
        )
        .all() as { seq: number; auditSeq: number; atUtc: string; terminalId: string }[];
      const update = sqlite.prepare(
        'UPDATE audit_checkpoints SET audit_hash = ?, key_id = ?, signature = ? WHERE seq = ?',
      );
      for (const checkpoint of checkpoints) {
        const content = {
          ...checkpoint,
          auditHash: rows.get(checkpoint.auditSeq)!,
          keyId: fingerprintOf(publicKey),
        };
        update.run(
          content.auditHash,
          content.keyId,
          sign(null, checkpointMessage(content), privateKey).toString('base64'),
          checkpoint.seq,
        );
      }
    });
    await expectBreak(dataDir, 'checkpoint-signature-invalid', 13);
  });

  it('a forged audit-head.json is refused at start-up', async () => {
    const dataDir = copyOfStore();
    const file = dataFolderPath(dataDir, 'auditHead');
    const mirror = JSON.parse(readFileSync(file, 'utf8')) as { auditSeq: number };
    writeFileSync(file, JSON.stringify({ ...mirror, auditSeq: mirror.auditSeq + 5 }));
    const report = verifyFolder(dataDir, recoveryKey);
    expect(report).toMatchObject({ intact: false, firstBreak: { kind: 'checkpoint-signature-invalid' } });
    const app = await start(dataDir);
    expect(app.refusal?.code).toBe('AUDIT_CHAIN_BROKEN');
  });

  it('tail, checkpoints and the head file all removed: the anchor outside the folder refuses it as a rollback', async () => {
    // Nothing left in the folder proves rows existed; the anchor outside it still does.
    const dataDir = copyOfStore();
    tamper(dataDir, (sqlite) => {
      sqlite.prepare('DELETE FROM audit_trail WHERE seq > 24').run();
      sqlite.prepare('DELETE FROM audit_checkpoints WHERE audit_seq > 24').run();
    });
    rmSync(dataFolderPath(dataDir, 'auditHead'));
    const before = snapshotFolder(dataDir);
    const app = await start(dataDir);
    expect(app.status).toBe('refused');
    expect(app.refusal).toMatchObject({
      code: 'STORE_ROLLED_BACK',
      details: { auditTrailEndsAt: 24, anchorRecordsRow: ROWS },
    });
    expect(app.refusal?.message).toContain(`ends at row 24 but this terminal last recorded row ${ROWS}`);
    await app.close();
    expect(snapshotFolder(dataDir)).toEqual(before);
  });

  it('tail, checkpoints, the head file and the anchor all removed: start-up reports both lost outside copies', async () => {
    // Without any outside copy nothing proves rows existed; the app must at least say that the
    // copies were lost (it recreates them, so this is visible on this start only, and alerted).
    const dataDir = copyOfStore();
    tamper(dataDir, (sqlite) => {
      sqlite.prepare('DELETE FROM audit_trail WHERE seq > 24').run();
      sqlite.prepare('DELETE FROM audit_checkpoints WHERE audit_seq > 24').run();
    });
    rmSync(dataFolderPath(dataDir, 'auditHead'));
    rmSync(profileAnchorDirectory(), { recursive: true });
    const app = await start(dataDir);
    expect(app.status).toBe('ready');
    const health = await app.connect().invoke('system.health', {});
    expect(health.ok).toBe(true);
    const checks = (health as { value: { checks: { name: string; ok: boolean; message: string }[] } }).value
      .checks;
    expect(checks).toContainEqual(expect.objectContaining({ name: 'Audit head', ok: false }));
    expect(checks).toContainEqual(
      expect.objectContaining({
        name: 'Audit anchor',
        ok: false,
        message: expect.stringContaining('No anchor outside the data folder'),
      }),
    );
  });
});

describe('the audit helper and the append-only table (through the app itself)', () => {
  let fresh: FreshApp;
  beforeAll(async () => {
    fresh = await freshApp();
  });
  afterAll(async () => {
    await fresh.cleanup();
  });
  const actor = () => ({ userId: fresh.adminUserId, userName: adminName });
  const count = (table: string) =>
    fresh.app.runtime!.store.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

  it('triggers abort UPDATE and DELETE on audit_trail and audit_checkpoints', () => {
    const sqlite = fresh.app.runtime!.store.sqlite;
    expect(() => sqlite.prepare("UPDATE audit_trail SET reason = 'x' WHERE seq = 1").run()).toThrow(
      /append-only: UPDATE refused/,
    );
    expect(() => sqlite.prepare('DELETE FROM audit_trail WHERE seq = 1').run()).toThrow(
      /append-only: DELETE refused/,
    );
    expect(() => sqlite.prepare("UPDATE audit_checkpoints SET signature = 'x' WHERE seq = 1").run()).toThrow(
      /append-only: UPDATE refused/,
    );
    expect(() => sqlite.prepare('DELETE FROM audit_checkpoints').run()).toThrow(
      /append-only: DELETE refused/,
    );
    expect(() => sqlite.prepare('UPDATE audit_trail SET seq = seq + 100').run()).toThrow(/append-only/);
    expect(count('audit_trail')).toBe(4);
    expect(count('audit_checkpoints')).toBe(1);
  });

  it('refuses a change that writes no audit row, and rolls the change back', () => {
    const audit = fresh.app.runtime!.audit;
    const rowsBefore = count('audit_trail');
    const mirrorBefore = snapshotFolder(fresh.dataDir)['audit-head.json'];
    let thrown: unknown;
    try {
      audit.change(actor(), () => {
        fresh.app
          .runtime!.store.sqlite.prepare("INSERT INTO store_meta (key, value) VALUES ('unaudited', 'yes')")
          .run();
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EbrError);
    expect((thrown as EbrError).code).toBe('INTERNAL');
    expect(
      fresh.app
        .runtime!.store.sqlite.prepare("SELECT count(*) FROM store_meta WHERE key = 'unaudited'")
        .pluck()
        .get(),
    ).toBe(0);
    expect(count('audit_trail')).toBe(rowsBefore);
    expect(snapshotFolder(fresh.dataDir)['audit-head.json']).toBe(mirrorBefore);
  });

  it('refuses a value with a password field (at any depth), and rolls the change back', () => {
    const audit = fresh.app.runtime!.audit;
    const rowsBefore = count('audit_trail');
    const attempt = (newValue: unknown) => () =>
      audit.change(actor(), ({ record }) => {
        fresh.app
          .runtime!.store.sqlite.prepare("INSERT INTO store_meta (key, value) VALUES ('with-secret', 'yes')")
          .run();
        record({ action: 'user.created', entityType: 'user', entityId: 'U-1', newValue });
      });
    expect(attempt({ username: 'bob', password: 'hunter2-hunter2' })).toThrow(/secret/);
    expect(attempt({ user: { profile: { newPassword: 'x' } } })).toThrow(/secret/);
    expect(count('audit_trail')).toBe(rowsBefore);
    expect(
      fresh.app
        .runtime!.store.sqlite.prepare("SELECT count(*) FROM store_meta WHERE key = 'with-secret'")
        .pluck()
        .get(),
    ).toBe(0);
  });

  it('every row carries user id, printed name, terminal id and UTC time with milliseconds', () => {
    fresh.clock.advance(1);
    fresh.app.runtime!.audit.change(actor(), ({ record }) => {
      record({
        action: 'batch.step-completed',
        entityType: 'batch-step',
        entityId: 'S-1',
        newValue: { ok: true },
        reason: 'Routine',
      });
    });
    const rows = fresh.app
      .runtime!.store.sqlite.prepare(
        'SELECT user_id, user_name, terminal_id, at_utc FROM audit_trail ORDER BY seq',
      )
      .all() as { user_id: string; user_name: string; terminal_id: string; at_utc: string }[];
    expect(rows.length).toBe(5);
    for (const row of rows) {
      expect(row.user_id).toBe(fresh.adminUserId);
      expect(row.user_name).toBe(adminName);
      expect(row.terminal_id).toBe(fresh.terminalId);
      expect(row.at_utc).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(new Date(row.at_utc).toISOString()).toBe(row.at_utc);
    }
    expect(rows.at(-1)!.at_utc).toBe(new Date(TEST_START_MS + 1).toISOString());
  });

  it('a change rolled back by an enclosing transaction leaves the head file no further than the database', async () => {
    // A later service may call an audited operation inside its own transaction: if that outer
    // transaction rolls back, the head file must not claim rows the database never kept, or the
    // next start-up refuses the store as truncated.
    const own = await freshApp();
    cleanups.push(() => own.cleanup());
    const sqlite = own.app.runtime!.store.sqlite;
    const ownActor = { userId: own.adminUserId, userName: adminName };
    expect(() =>
      sqlite.transaction(() => {
        own.app.runtime!.audit.change(ownActor, ({ record }) => {
          record({
            action: 'batch.step-completed',
            entityType: 'batch-step',
            entityId: 'ROLLED-BACK',
            newValue: { ok: true },
          });
        });
        throw new Error('the enclosing operation failed');
      })(),
    ).toThrow(/enclosing operation failed/);
    expect(sqlite.prepare('SELECT count(*) FROM audit_trail').pluck().get()).toBe(4);
    const mirror = JSON.parse(readFileSync(dataFolderPath(own.dataDir, 'auditHead'), 'utf8')) as {
      auditSeq: number;
    };
    expect(mirror.auditSeq).toBe(4);

    // An enclosing transaction that commits: the nested change is kept and the store stays sound.
    sqlite.transaction(() => {
      own.app.runtime!.audit.change(ownActor, ({ record }) => {
        record({
          action: 'batch.step-completed',
          entityType: 'batch-step',
          entityId: 'KEPT',
          newValue: { ok: true },
        });
      });
    })();
    await own.app.close();
    const restarted = await createApp({
      dataDir: own.dataDir,
      keyProvider: recoveryKeyProvider(own.recoveryKey),
      clock: own.clock,
      sessionCheckIntervalMs: 0,
    });
    cleanups.push(() => restarted.close());
    expect(restarted.refusal).toBeNull();
    expect(restarted.status).toBe('ready');
    const kept = restarted
      .runtime!.store.sqlite.prepare("SELECT seq FROM audit_trail WHERE entity_id = 'KEPT'")
      .pluck()
      .get();
    expect(kept).toBe(5);
    // The administrator's first sign-in and password change add two rows after the kept one.
    const { connection } = await signIn(restarted, 'admin', ADMIN_SETUP_PASSWORD, ADMIN_PASSWORD);
    expect(await connection.invoke('audit.verify', {})).toMatchObject({
      ok: true,
      value: { intact: true, rowsChecked: 7, firstBreak: null },
    });
  });
});
