import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../../electron/core/app';
import { systemClock } from '../../../electron/core/clock';
import { recoveryKeyProvider } from '../../../electron/core/keys/recovery-key';
import { plantRequest } from '../../../electron/core/plant/plant-client';
import { readPlantLink, readShippingState } from '../../../electron/core/plant/plant-link';
import { nextUpload } from '../../../electron/core/plant/shipper';
import { readTls } from '../../../electron/plant-server/config-dir';
import { codeHash, createEnrolmentCode } from '../../../electron/plant-server/enrolment-codes';
import { ADMIN_PASSWORD, signIn } from '../../helpers/fresh-app';
import { PLANT_LINK_FILE } from '../../../electron/core/plant/plant-link';
import { countRows, ebr, enrol, newTerminal, startPlant, type Plant, type Terminal } from './plant-fixture';

describe('plant server: enrolment and store-and-forward sync (real PostgreSQL)', () => {
  let plant: Plant;
  let alpha: Terminal;

  beforeAll(async () => {
    plant = await startPlant();
    alpha = await newTerminal('WS-ALPHA');
  }, 120_000);

  afterAll(async () => {
    await alpha?.fresh.cleanup();
    await plant?.stop();
  });

  it('enrols a terminal with a one-time code, pins the server, and audits it', async () => {
    const enrolled = await enrol(plant, alpha, 'WS-ALPHA');
    expect(enrolled.err).toBe('');
    expect(enrolled.code).toBe(0);
    expect(enrolled.out).toContain('enrolled with https://127.0.0.1:');
    const link = JSON.parse(readFileSync(join(alpha.fresh.dataDir, PLANT_LINK_FILE), 'utf8'));
    expect(link.nodeId).toBe(alpha.fresh.terminalId);
    expect(link.tlsFingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const { rows } = await plant.owner.pool.query('SELECT fingerprint FROM server_identity');
    expect(link.serverFingerprint).toBe(rows[0].fingerprint);
    const audited = alpha.fresh.app
      .runtime!.store.sqlite.prepare("SELECT new_value FROM audit_trail WHERE action = 'plant.enrolled'")
      .pluck()
      .all() as string[];
    expect(audited).toHaveLength(1);
    expect(JSON.parse(audited[0]!)).toMatchObject({ serverFingerprint: link.serverFingerprint });
  });

  it('refuses a used code and an unknown code, naming why', async () => {
    const other = await newTerminal('WS-OTHER');
    try {
      const made = await ebr([
        'server',
        'enrol-code',
        '--database',
        plant.serviceUrl,
        '--terminal-name',
        'WS-OTHER',
        '--json',
      ]);
      const { code } = JSON.parse(made.out) as { code: string };
      const wrongName = await newTerminal('WS-THIRD');
      const refusedName = await ebr([
        'terminal',
        'enrol',
        ...wrongName.folderArgs,
        '--server',
        plant.serverUrl,
        '--code',
        code,
      ]);
      expect(refusedName.code).toBe(2);
      expect(refusedName.err).toContain('made for terminal "WS-OTHER", not "WS-THIRD"');
      await wrongName.fresh.cleanup();
      const first = await ebr([
        'terminal',
        'enrol',
        ...other.folderArgs,
        '--server',
        plant.serverUrl,
        '--code',
        code,
      ]);
      expect(first.code).toBe(0);
      const unknown = await ebr([
        'terminal',
        'enrol',
        ...alpha.folderArgs,
        '--server',
        plant.serverUrl,
        '--code',
        'AAAA-BBBB-CCCC-DDDD',
      ]);
      expect(unknown.code).toBe(2);
      expect(unknown.err).toContain('already enrolled');
      const fourth = await newTerminal('WS-OTHER');
      const reused = await ebr([
        'terminal',
        'enrol',
        ...fourth.folderArgs,
        '--server',
        plant.serverUrl,
        '--code',
        code,
      ]);
      expect(reused.err).toContain('already used');
      await fourth.fresh.cleanup();
    } finally {
      await other.fresh.cleanup();
    }
  }, 60_000);

  it('refuses a certificate other than the expected one and an expired code; the administrator code enrols once', async () => {
    const workstation = await newTerminal('WS-ADMIN-PC');
    try {
      const enrolWith = (code: string, fingerprint: string) =>
        ebr([
          'terminal',
          'enrol',
          ...workstation.folderArgs,
          '--server',
          plant.serverUrl,
          '--code',
          code,
          '--server-fingerprint',
          fingerprint,
        ]);
      const { fingerprint } = readTls(plant.configDir);
      const wrongCertificate = await enrolWith(plant.administratorCode, 'AA:'.repeat(31) + 'AA');
      expect(wrongCertificate.code).toBe(2);
      expect(wrongCertificate.err).toContain(
        `The server's TLS certificate ${fingerprint} is not the expected`,
      );
      expect(existsSync(join(workstation.fresh.dataDir, PLANT_LINK_FILE))).toBe(false);

      const { code } = await createEnrolmentCode(plant.owner, {
        purpose: 'terminal',
        terminalName: 'WS-ADMIN-PC',
        validHours: 1,
      });
      await plant.owner.pool.query(
        "UPDATE enrolment_codes SET expires_at = now() - interval '1 minute' WHERE code_hash = $1",
        [codeHash(code)],
      );
      const expired = await enrolWith(code, fingerprint);
      expect(expired.code).toBe(2);
      expect(expired.err).toContain('This enrolment code has expired');

      const administrator = await enrolWith(plant.administratorCode.toLowerCase(), fingerprint.toLowerCase());
      expect(administrator.err).toBe('');
      expect(administrator.code).toBe(0);
    } finally {
      await workstation.fresh.cleanup();
    }
  }, 60_000);

  it('ships every entry with its checkpoints; a second sync stores nothing', async () => {
    const admin = await alpha.fresh.admin(); // sign-in and password change: more audited transactions
    expect(admin.id).toBeTruthy();
    const sqlite = alpha.fresh.app.runtime!.store.sqlite;
    const head = sqlite.prepare('SELECT max(seq) FROM audit_trail').pluck().get() as number;
    const checkpoints = sqlite.prepare('SELECT count(*) FROM audit_checkpoints').pluck().get() as number;
    const first = await ebr(['sync', ...alpha.folderArgs, '--batch-size', '2']);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toContain(`entries 1–${head} acknowledged`);
    const nodeId = alpha.fresh.terminalId;
    expect(await countRows(plant, 'log_entries', nodeId)).toBe(head);
    expect(await countRows(plant, 'log_checkpoints', nodeId)).toBe(checkpoints);
    expect(await countRows(plant, 'uploads', nodeId)).toBeGreaterThan(1); // batches of 2, whole transactions
    const { rows } = await plant.owner.pool.query(
      'SELECT seq::int AS seq, hash, received_at FROM log_entries WHERE node_id = $1 ORDER BY seq',
      [nodeId],
    );
    const local = sqlite.prepare('SELECT seq, hash FROM audit_trail ORDER BY seq').all();
    expect(rows.map(({ seq, hash }) => ({ seq, hash }))).toEqual(local);
    expect(rows[0].received_at).toBeInstanceOf(Date);

    const uploadsBefore = await countRows(plant, 'uploads');
    const second = await ebr(['sync', ...alpha.folderArgs, '--json']);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.out)).toMatchObject({ ok: true, shipped: 0, uploads: 0, ackSeq: head });
    expect(await countRows(plant, 'log_entries', nodeId)).toBe(head);
    expect(await countRows(plant, 'uploads')).toBe(uploadsBefore);
  }, 60_000);

  it('refuses the uploads of a revoked terminal and keeps them in quarantine', async () => {
    const beta = await newTerminal('WS-BETA');
    try {
      expect((await enrol(plant, beta, 'WS-BETA')).code).toBe(0);
      const revoked = await ebr([
        'server',
        'revoke',
        '--database',
        plant.serviceUrl,
        '--node',
        beta.fresh.terminalId,
        '--reason',
        'stolen PC',
      ]);
      expect(revoked.code).toBe(0);
      const sync = await ebr(['sync', ...beta.folderArgs]);
      expect(sync.code).toBe(1);
      expect(sync.err).toContain('refused (revoked-node)');
      // the terminal keeps the refusal for its people to see
      expect(readShippingState(beta.fresh.dataDir).lastProblem).toMatchObject({ reason: 'revoked-node' });
      expect(await countRows(plant, 'log_entries', beta.fresh.terminalId)).toBe(0);
      // an upload it sends anyway is kept whole in quarantine, not stored
      const link = readPlantLink(beta.fresh.dataDir)!;
      const sqlite = beta.fresh.app.runtime!.store.sqlite;
      const upload = nextUpload(sqlite, beta.fresh.terminalId, { seq: 0, checkpointSeq: 0 }, 100)!;
      const refused = await plantRequest({
        base: link.serverUrl,
        tls: { certificatePem: link.tlsCertificatePem, fingerprint: link.tlsFingerprint },
        method: 'POST',
        path: '/v1/log',
        body: upload,
        signer: { nodeId: link.nodeId, key: beta.fresh.app.runtime!.terminal.key, now: () => Date.now() },
      });
      expect(refused).toMatchObject({
        status: 403,
        body: { code: 'FORBIDDEN', details: { reason: 'revoked-node' } },
      });
      expect(await countRows(plant, 'log_entries', beta.fresh.terminalId)).toBe(0);
      const held = await plant.owner.pool.query('SELECT reason, payload FROM quarantine WHERE node_id = $1', [
        beta.fresh.terminalId,
      ]);
      expect(held.rows).toHaveLength(1);
      expect(held.rows[0].reason).toBe('revoked-node');
      expect(held.rows[0].payload.entries).toHaveLength(upload.entries.length);
      const { rows } = await plant.owner.pool.query(
        'SELECT kind FROM alerts WHERE node_id = $1 ORDER BY raised_at',
        [beta.fresh.terminalId],
      );
      expect(rows.map((row) => row.kind)).toContain('node-revoked');
      expect(rows.map((row) => row.kind)).toContain('revoked-node-contact');
    } finally {
      await beta.fresh.cleanup();
    }
  }, 60_000);

  it('reports per terminal last contact, acknowledged entry, lag and quarantine', async () => {
    const status = await ebr(['server', 'status', '--database', plant.serviceUrl, '--json']);
    expect(status.code).toBe(0);
    const rows = JSON.parse(status.out) as {
      name: string;
      acknowledgedSeq: number;
      lag: number;
      lastContactAt: string;
      status: string;
    }[];
    const alphaRow = rows.find((row) => row.name === 'WS-ALPHA')!;
    const head = alpha.fresh.app
      .runtime!.store.sqlite.prepare('SELECT max(seq) FROM audit_trail')
      .pluck()
      .get();
    expect(alphaRow).toMatchObject({ status: 'active', acknowledgedSeq: head, lag: 0 });
    expect(Date.now() - Date.parse(alphaRow.lastContactAt)).toBeLessThan(10 * 60_000);
    expect(rows.find((row) => row.name === 'WS-BETA')).toMatchObject({
      status: 'revoked',
      acknowledgedSeq: 0,
    });
  });

  it('the service role may not UPDATE, DELETE or TRUNCATE the log; triggers refuse even the owner', async () => {
    const { default: pg } = await import('pg');
    const service = new pg.Client({ connectionString: plant.serviceUrl });
    await service.connect();
    try {
      for (const statement of [
        'UPDATE log_entries SET reason = $$x$$',
        'DELETE FROM log_entries',
        'TRUNCATE log_entries',
        'UPDATE log_checkpoints SET signature = $$x$$',
        'DELETE FROM quarantine',
      ]) {
        await expect(service.query(statement)).rejects.toThrow(/permission denied/);
      }
    } finally {
      await service.end();
    }
    await expect(plant.owner.pool.query('UPDATE log_entries SET reason = $$x$$')).rejects.toThrow(
      /append-only/,
    );
    await expect(plant.owner.pool.query('DELETE FROM log_checkpoints')).rejects.toThrow(/append-only/);
    await expect(plant.owner.pool.query('TRUNCATE log_entries CASCADE')).rejects.toThrow(/append-only/);
    expect(await countRows(plant, 'log_entries', alpha.fresh.terminalId)).toBeGreaterThan(0);
  });

  it('ships in the background of the running app, works on while the server is down, and catches up after it and PostgreSQL come back', async () => {
    await alpha.fresh.app.close();
    const app = await createApp({
      dataDir: alpha.fresh.dataDir,
      keyProvider: recoveryKeyProvider(alpha.fresh.recoveryKey),
      clock: systemClock,
      sessionCheckIntervalMs: 0,
      backupCheckIntervalMs: 0,
      connectInstruments: false,
      plantShippingIntervalMs: 200,
    });
    try {
      expect(app.status).toBe('ready');
      await signIn(app, 'admin', ADMIN_PASSWORD); // new audited entries to ship
      const head = () =>
        app.runtime!.store.sqlite.prepare('SELECT max(seq) FROM audit_trail').pluck().get() as number;
      await vi.waitFor(() => expect(app.plantShipping()!.ackSeq).toBe(head()), {
        timeout: 60_000,
        interval: 200,
      });
      expect(await countRows(plant, 'log_entries', alpha.fresh.terminalId)).toBe(head());
      expect(app.plantShipping()!.line).toBe(`last shipped: seq ${head()}, just now`);

      await plant.server.close(); // the plant server goes away
      const before = head();
      await signIn(app, 'admin', ADMIN_PASSWORD); // the terminal works on
      expect(head()).toBeGreaterThan(before);
      await vi.waitFor(() => expect(app.plantShipping()!.lastProblem?.reason).toBe('unreachable'), {
        timeout: 60_000,
        interval: 200,
      });
      const status = app.plantShipping()!;
      expect(status.ackSeq).toBe(before);
      expect(status.headSeq).toBe(head());
      expect(status.line).toMatch(
        new RegExp(
          `^last shipped: seq ${before}, just now — unreachable: The plant server at 127.0.0.1:\\d+ cannot be reached`,
        ),
      );

      // PostgreSQL crashes and restarts, the plant server comes back: the terminal catches up by itself.
      await plant.cluster.restart('immediate');
      await plant.restartServer();
      await vi.waitFor(
        () => expect(app.plantShipping()).toMatchObject({ ackSeq: head(), lastProblem: null }),
        {
          timeout: 90_000,
          interval: 200,
        },
      );
      const { rows } = await plant.owner.pool.query(
        'SELECT seq::int AS seq, hash FROM log_entries WHERE node_id = $1 ORDER BY seq',
        [alpha.fresh.terminalId],
      );
      expect(rows).toEqual(
        app.runtime!.store.sqlite.prepare('SELECT seq, hash FROM audit_trail ORDER BY seq').all(),
      );
      const verify = await ebr(['server', 'verify', '--database', plant.serviceUrl]);
      expect(verify.code).toBe(0);
    } finally {
      await app.close();
    }
  }, 150_000);
});
