import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRowHash, checkpointMessage } from '../../../electron/core/audit/chain';
import { plantRequest } from '../../../electron/core/plant/plant-client';
import { readPlantLink, readShippingState } from '../../../electron/core/plant/plant-link';
import { nextUpload, shipOnce } from '../../../electron/core/plant/shipper';
import type { UploadRequest } from '../../../electron/core/plant/wire';
import { signedPayload } from '../../../electron/core/signatures/signature-verification';
import { fingerprintOf } from '../../../electron/core/terminal/terminal-key';
import { batchFloor, createBatch, type BatchFloor } from '../../helpers/batch-setup';
import { signIn } from '../../helpers/fresh-app';
import { countRows, ebr, enrol, newTerminal, startPlant, type Plant, type Terminal } from './plant-fixture';

/** Another Ed25519 key, as a forger would hold. */
function otherKey() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    fingerprint: fingerprintOf(publicKey),
    sign: (message: Buffer) => sign(null, message, privateKey).toString('base64'),
  };
}

describe('plant server: every kind of break is refused, quarantined and alerted (real PostgreSQL)', () => {
  let plant: Plant;
  let floor: BatchFloor;
  let terminal: Terminal;
  let gamma: Terminal;
  let nodeId: string;

  beforeAll(async () => {
    plant = await startPlant({ maxClockSkewMs: 30_000 });
    floor = await batchFloor(); // a recipe approved by QA: the log carries an electronic signature
    terminal = await newTerminal('WS-TEST-01', floor.fresh);
    gamma = await newTerminal('WS-GAMMA');
    expect((await enrol(plant, terminal, 'WS-TEST-01')).code).toBe(0);
    expect((await enrol(plant, gamma, 'WS-GAMMA')).code).toBe(0);
    nodeId = floor.fresh.terminalId;
  }, 180_000);

  afterAll(async () => {
    await gamma?.fresh.cleanup();
    await floor?.fresh.cleanup();
    await plant?.stop();
  });

  const sqlite = () => floor.fresh.app.runtime!.store.sqlite;
  const wholeLog = (): UploadRequest =>
    structuredClone(nextUpload(sqlite(), nodeId, { seq: 0, checkpointSeq: 0 }, 1_000_000)!);

  /** POSTs an upload signed by this terminal's key, as the shipper would. */
  async function post(upload: UploadRequest) {
    const link = readPlantLink(floor.fresh.dataDir)!;
    return plantRequest({
      base: link.serverUrl,
      tls: { certificatePem: link.tlsCertificatePem, fingerprint: link.tlsFingerprint },
      method: 'POST',
      path: '/v1/log',
      body: upload,
      signer: { nodeId, key: floor.fresh.app.runtime!.terminal.key, now: () => Date.now() },
    });
  }

  /** The upload is refused naming `reason`, kept in quarantine, alerted; nothing is stored. */
  async function expectQuarantined(upload: UploadRequest, reason: string, seq: number | null) {
    const storedBefore = await countRows(plant, 'log_entries', nodeId);
    const heldBefore = await countRows(plant, 'quarantine', nodeId);
    const response = await post(upload);
    expect(response.status).toBe(409);
    const body = response.body as {
      code: string;
      message: string;
      details: { reason: string; seq: number; quarantineId: string };
    };
    expect(body.code).toBe('AUDIT_CHAIN_BROKEN');
    expect(body.details).toMatchObject({ reason, seq });
    expect(await countRows(plant, 'log_entries', nodeId)).toBe(storedBefore);
    expect(await countRows(plant, 'quarantine', nodeId)).toBe(heldBefore + 1);
    const { rows } = await plant.owner.pool.query(
      'SELECT q.reason, q.payload, a.kind FROM quarantine q JOIN alerts a ON a.message LIKE $2 WHERE q.id = $1',
      [body.details.quarantineId, `%${body.details.quarantineId}%`],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ reason, kind: `upload-refused:${reason}` });
    expect(rows[0].payload.entries).toHaveLength(upload.entries.length);
    return body.message;
  }

  it('a gap: an entry missing from the upload', async () => {
    const upload = wholeLog();
    upload.entries.splice(0, 1);
    expect(await expectQuarantined(upload, 'gap', 1)).toContain('Entry 1 is missing');
  });

  it('an edited entry: its hash no longer matches', async () => {
    const upload = wholeLog();
    upload.entries[2]!.newValue = '{"status":"edited"}';
    expect(await expectQuarantined(upload, 'hash-mismatch', 3)).toContain('content was altered');
  });

  it('an edited entry with every hash recomputed: the signed checkpoint catches it', async () => {
    const upload = wholeLog();
    upload.entries[1]!.reason = 'rewritten';
    for (const [index, entry] of upload.entries.entries()) {
      if (index > 0) entry.prevHash = upload.entries[index - 1]!.hash;
      entry.hash = auditRowHash(entry.prevHash, entry);
    }
    await expectQuarantined(upload, 'checkpoint-mismatch', upload.checkpoints[0]!.auditSeq);
  });

  it('a forged checkpoint signature', async () => {
    const upload = wholeLog();
    const bytes = Buffer.from(upload.checkpoints[0]!.signature, 'base64');
    bytes[5] = bytes[5]! ^ 0xff;
    upload.checkpoints[0]!.signature = bytes.toString('base64');
    await expectQuarantined(upload, 'checkpoint-signature-invalid', upload.checkpoints[0]!.auditSeq);
  });

  it('a checkpoint signed by a key the node did not enrol', async () => {
    const upload = wholeLog();
    const forger = otherKey();
    const checkpoint = upload.checkpoints[0]!;
    checkpoint.keyId = forger.fingerprint;
    checkpoint.signature = forger.sign(checkpointMessage(checkpoint));
    await expectQuarantined(upload, 'unknown-key', checkpoint.auditSeq);
  });

  it('an electronic signature row signed by another key', async () => {
    const upload = wholeLog();
    expect(upload.signatures.length).toBeGreaterThan(0);
    const signature = upload.signatures[0]!;
    const { auditSeq, signature: _original, ...row } = signature;
    signature.signature = otherKey().sign(signedPayload({ ...row, meaning: row.meaning as never }));
    await expectQuarantined(upload, 'signature-invalid', auditSeq);
  });

  it('an electronic signature row left out of the upload', async () => {
    const upload = wholeLog();
    const dropped = upload.signatures.shift()!;
    await expectQuarantined(upload, 'signature-unanchored', dropped.auditSeq);
  });

  it('another terminal id: an upload for node gamma signed by this node', async () => {
    const upload = wholeLog();
    upload.nodeId = gamma.fresh.terminalId;
    expect(await expectQuarantined(upload, 'wrong-terminal', 1)).toContain(`signed by node ${nodeId}`);
  });

  it('after all that, the true log ships whole and verifies centrally', async () => {
    const sync = await ebr(['sync', ...terminal.folderArgs]);
    expect(sync.code).toBe(0);
    const head = sqlite().prepare('SELECT max(seq) FROM audit_trail').pluck().get() as number;
    expect(await countRows(plant, 'log_entries', nodeId)).toBe(head);
    expect(await countRows(plant, 'log_signatures', nodeId)).toBe(
      sqlite().prepare('SELECT count(*) FROM signatures').pluck().get(),
    );
    const verify = await ebr(['server', 'verify', '--database', plant.serviceUrl]);
    expect(verify.err).toBe('');
    expect(verify.code).toBe(0);
    expect(verify.out).toMatch(
      /WS-TEST-01 .*: intact — \d+ entries, \d+ signed checkpoints, [1-9]\d* signatures verified/,
    );
  }, 60_000);

  it('a fork: an acknowledged entry sent again with other content (chain and checkpoint re-signed)', async () => {
    const upload = wholeLog();
    const key = floor.fresh.app.runtime!.terminal.key;
    upload.entries[3]!.reason = 'a different history';
    for (const [index, entry] of upload.entries.entries()) {
      if (index > 0) entry.prevHash = upload.entries[index - 1]!.hash;
      entry.hash = auditRowHash(entry.prevHash, entry);
    }
    const bySeq = new Map(upload.entries.map((entry) => [entry.seq, entry.hash]));
    for (const checkpoint of upload.checkpoints) {
      checkpoint.auditHash = bySeq.get(checkpoint.auditSeq)!;
      checkpoint.signature = key.sign(checkpointMessage(checkpoint)).toString('base64');
    }
    expect(await expectQuarantined(upload, 'fork', 4)).toContain('the log forked');
  });

  it('a replay of the true log stores nothing twice', async () => {
    const stored = await countRows(plant, 'log_entries', nodeId);
    const response = await post(wholeLog());
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ stored: 0, alreadyStored: stored });
    expect(await countRows(plant, 'log_entries', nodeId)).toBe(stored);
  });

  it('flags a terminal clock off the server by more than the setting, keeping its times (A11-12.4)', async () => {
    await signIn(floor.fresh.app, 'olga', floor.olga.password); // more entries to ship
    const link = readPlantLink(floor.fresh.dataDir)!;
    const shipped = await shipOnce({
      dataDir: floor.fresh.dataDir,
      sqlite: sqlite(),
      key: floor.fresh.app.runtime!.terminal.key,
      link,
      now: () => Date.now() + 10 * 60_000,
    });
    expect(shipped).toMatchObject({ ok: true });
    expect(shipped.ok && shipped.shipped).toBeGreaterThan(0);
    const { rows: alerts } = await plant.owner.pool.query(
      "SELECT message FROM alerts WHERE node_id = $1 AND kind = 'clock-skew'",
      [nodeId],
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0].message).toMatch(/clock is (59\d|60\d)\.\d s off/);
    const { rows: upload } = await plant.owner.pool.query(
      'SELECT clock_skew_ms::int AS skew, received_at, terminal_time FROM uploads WHERE node_id = $1 ORDER BY received_at DESC LIMIT 1',
      [nodeId],
    );
    expect(upload[0].skew).toBeGreaterThan(9 * 60_000);
    expect(Date.parse(upload[0].terminal_time) - upload[0].received_at.getTime()).toBeGreaterThan(9 * 60_000);
    const { rows: entries } = await plant.owner.pool.query(
      'SELECT at_utc, received_at FROM log_entries WHERE node_id = $1 ORDER BY seq DESC LIMIT 1',
      [nodeId],
    );
    const local = sqlite().prepare('SELECT at_utc FROM audit_trail ORDER BY seq DESC LIMIT 1').pluck().get();
    expect(entries[0].at_utc).toBe(local); // the terminal's own time is kept as it was signed
    expect(readShippingState(floor.fresh.dataDir)).toMatchObject({
      lastProblem: null,
      ackSeq: shipped.ackSeq,
    });
  }, 60_000);

  it('plant views: the batch list and audit search across terminals, from the server copy', async () => {
    const recipe = floor.recipes['demo-tablet-blend.json']!;
    const batch = await createBatch(floor.sven.connection, recipe, 'PLANT-0001');
    expect((await ebr(['sync', ...terminal.folderArgs])).code).toBe(0);
    const link = readPlantLink(floor.fresh.dataDir)!;
    const read = (path: string) =>
      plantRequest({
        base: link.serverUrl,
        tls: { certificatePem: link.tlsCertificatePem, fingerprint: link.tlsFingerprint },
        method: 'GET',
        path,
        signer: { nodeId, key: floor.fresh.app.runtime!.terminal.key, now: () => Date.now() },
      });
    const batches = await read('/v1/plant/batches');
    expect(batches.status).toBe(200);
    expect((batches.body as { batches: unknown[] }).batches).toEqual([
      expect.objectContaining({
        nodeId,
        terminalName: 'WS-TEST-01',
        batchId: batch.id,
        batchNumber: 'PLANT-0001',
        status: 'created',
        plannedQuantity: recipe.recipe.header.nominalBatchSize.quantity,
      }),
    ]);
    const audit = await read(`/v1/plant/audit?entityType=batch&entityId=${batch.id}`);
    const entries = (audit.body as { entries: { action: string; terminalName: string }[] }).entries;
    expect(entries.map((entry) => entry.action)).toContain('batch.created');
    expect(entries.every((entry) => entry.terminalName === 'WS-TEST-01')).toBe(true);
    const bad = await read('/v1/plant/audit?limit=100000');
    expect(bad).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED', details: { path: 'limit' } },
    });
    const unsigned = await plantRequest({
      base: link.serverUrl,
      tls: { certificatePem: link.tlsCertificatePem, fingerprint: link.tlsFingerprint },
      method: 'GET',
      path: '/v1/plant/batches',
    });
    expect(unsigned.status).toBe(401);
  }, 60_000);
});
