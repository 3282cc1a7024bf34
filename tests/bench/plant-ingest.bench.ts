/**
 * Plant server ingest: entries/s verified and stored through HTTPS (signed uploads of 500
 * entries, a signed checkpoint every 10 entries, one transaction per upload) against the same
 * rows INSERTed bare into a copy of log_entries (same indexes, no triggers, same batch size and
 * one transaction per batch), same run, same cluster. The 50,000-entry ingest is also the
 * catch-up time of a terminal one week offline. Then 50 terminals sync 1,000 entries each at
 * once against `ebr server start` in a process of its own: wall time and that process's peak
 * resident memory (VmHWM), the clients being in this process.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { auditRowHash, checkpointMessage, GENESIS_HASH } from '../../electron/core/audit/chain';
import { plantRequest } from '../../electron/core/plant/plant-client';
import { enrolmentProofMessage } from '../../electron/core/plant/request-signing';
import type { UploadRequest, WireAuditRow, WireCheckpoint } from '../../electron/core/plant/wire';
import { readTls } from '../../electron/plant-server/config-dir';
import { createEnrolmentCode } from '../../electron/plant-server/enrolment-codes';
import { fingerprintOf, type TerminalKey } from '../../electron/core/terminal/terminal-key';
import { bundleRunner } from '../crash/runner-process';
import { startPlant, type Plant } from '../integration/plant/plant-fixture';
import { ServerProcess } from '../integration/plant/soak-processes';
import { nsToMs, now, type Benchmark, type BenchResult } from './stats';

const ENTRIES = 50_000;
const PER_TRANSACTION = 10;
const PER_UPLOAD = 500;
const TERMINALS = 50;
const TERMINAL_ENTRIES = 1_000;

function nodeKey(): TerminalKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    fingerprint: fingerprintOf(publicKey),
    sign: (message) => sign(null, message, privateKey),
  };
}

/** A node's signed log as a terminal would have written it: weighings, a signed checkpoint per transaction. */
function signedLog(
  nodeId: string,
  key: TerminalKey,
  count: number,
): { entries: WireAuditRow[]; checkpoints: WireCheckpoint[] } {
  const entries: WireAuditRow[] = [];
  const checkpoints: WireCheckpoint[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const atUtc = new Date(Date.UTC(2026, 10, 2, 8) + seq * 1000).toISOString();
    const content = {
      seq,
      atUtc,
      userId: 'user-olga',
      userName: 'Olga Opératrice',
      terminalId: nodeId,
      action: 'weighing.capture',
      entityType: 'weighing',
      entityId: `W-${seq}`,
      oldValue: null,
      newValue: JSON.stringify({
        batch: `B-2026-${seq % 40}`,
        lot: `L-${1000 + (seq % 300)}`,
        net: 12.5 + (seq % 997) / 1000,
        unit: 'kg',
      }),
      reason: null,
    };
    const hash = auditRowHash(prevHash, content);
    entries.push({ ...content, prevHash, hash });
    prevHash = hash;
    if (seq % PER_TRANSACTION === 0) {
      const checkpoint = {
        checkpointSeq: seq / PER_TRANSACTION,
        auditSeq: seq,
        auditHash: hash,
        atUtc,
        terminalId: nodeId,
        keyId: key.fingerprint,
      };
      checkpoints.push({
        ...checkpoint,
        signature: key.sign(checkpointMessage(checkpoint)).toString('base64'),
      });
    }
  }
  return { entries, checkpoints };
}

/** A process's resident memory in MB from /proc: VmRSS now, or VmHWM (its peak). */
function residentMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Math.round(Number(match[1]) / 1024);
}

async function enrolNode(plant: Plant, nodeId: string, key: TerminalKey) {
  const tlsFiles = readTls(plant.configDir);
  const tls = { certificatePem: tlsFiles.cert, fingerprint: tlsFiles.fingerprint };
  const { code } = await createEnrolmentCode(plant.owner, {
    purpose: 'terminal',
    terminalName: nodeId,
    validHours: 1,
  });
  const unsigned = { code, nodeId, publicKeyPem: key.publicKeyPem };
  const enrolled = await plantRequest({
    base: plant.serverUrl,
    tls,
    method: 'POST',
    path: '/v1/enrol',
    body: {
      ...unsigned,
      name: nodeId,
      keys: [{ terminalId: nodeId, publicKeyPem: key.publicKeyPem }],
      proof: key.sign(enrolmentProofMessage(unsigned)).toString('base64'),
    },
  });
  if (enrolled.status !== 200) throw new Error(`enrolment failed: ${enrolled.rawBody}`);
  return tls;
}

/** Ships entries [from, from + PER_UPLOAD) as one signed upload; returns the elapsed ns. */
async function shipOne(
  plant: Plant,
  nodeId: string,
  key: TerminalKey,
  log: ReturnType<typeof signedLog>,
  tls: { certificatePem: string; fingerprint: string },
  from: number,
): Promise<bigint> {
  const entries = log.entries.slice(from, from + PER_UPLOAD);
  const last = entries.at(-1)!.seq;
  const upload: UploadRequest = {
    nodeId,
    entries,
    checkpoints: log.checkpoints.filter(
      (checkpoint) => checkpoint.auditSeq > from && checkpoint.auditSeq <= last,
    ),
    signatures: [],
  };
  const start = now();
  const response = await plantRequest({
    base: plant.serverUrl,
    tls,
    method: 'POST',
    path: '/v1/log',
    body: upload,
    signer: { nodeId, key, now: () => Date.now() },
  });
  if (response.status !== 200) throw new Error(`upload refused: ${response.rawBody}`);
  return now() - start;
}

async function ship(
  plant: Plant,
  nodeId: string,
  key: TerminalKey,
  log: ReturnType<typeof signedLog>,
  tls: { certificatePem: string; fingerprint: string },
): Promise<void> {
  for (let from = 0; from < log.entries.length; from += PER_UPLOAD)
    await shipOne(plant, nodeId, key, log, tls, from);
}

const BARE_COLUMNS = [
  'node_id',
  'seq',
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
  'upload_id',
];

/** The same rows, one bare multi-row INSERT in its own transaction; returns the elapsed ns. */
async function insertBare(plant: Plant, nodeId: string, rows: WireAuditRow[]): Promise<bigint> {
  const values: unknown[] = [];
  const tuples = rows.map((row, index) => {
    values.push(
      nodeId,
      row.seq,
      row.atUtc,
      row.userId,
      row.userName,
      row.terminalId,
      row.action,
      row.entityType,
      row.entityId,
      row.oldValue,
      row.newValue,
      row.reason,
      row.prevHash,
      row.hash,
      'bare',
    );
    return `(${BARE_COLUMNS.map((_, column) => `$${index * BARE_COLUMNS.length + column + 1}`).join(', ')})`;
  });
  const start = now();
  const client = await plant.owner.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO bench_bare (${BARE_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`,
      values,
    );
    await client.query('COMMIT');
  } finally {
    client.release();
  }
  return now() - start;
}

export const plantIngest: Benchmark = {
  name: 'plant-ingest',
  async run(): Promise<BenchResult> {
    const plant = await startPlant();
    try {
      const key = nodeKey();
      const nodeId = 'bench-node-week';
      const tls = await enrolNode(plant, nodeId, key);
      const log = signedLog(nodeId, key, ENTRIES);
      // Verified uploads and bare inserts of the same batch alternate, so both see the same machine load.
      await plant.owner.pool.query(
        'CREATE TABLE bench_bare (LIKE log_entries INCLUDING DEFAULTS INCLUDING INDEXES)',
      );
      let verifiedNs = 0n;
      let bareNs = 0n;
      const catchUpStart = now();
      for (let from = 0; from < ENTRIES; from += PER_UPLOAD) {
        verifiedNs += await shipOne(plant, nodeId, key, log, tls, from);
        bareNs += await insertBare(plant, nodeId, log.entries.slice(from, from + PER_UPLOAD));
      }
      const catchUpMs = nsToMs(now() - catchUpStart) - nsToMs(bareNs);
      const bareMs = nsToMs(bareNs);

      // 50 terminals at once, against the server as a process of its own (its memory alone).
      const nodes = Array.from({ length: TERMINALS }, (_, index) => ({
        nodeId: `bench-node-${index}`,
        key: nodeKey(),
      }));
      const links = await Promise.all(nodes.map((node) => enrolNode(plant, node.nodeId, node.key)));
      const logs = nodes.map((node) => signedLog(node.nodeId, node.key, TERMINAL_ENTRIES));
      await plant.server.close();
      const cli = await bundleRunner('tests/crash/cli-entry.ts');
      const server = await ServerProcess.start(cli.file, plant.serviceUrl, plant.configDir);
      let manyMs: number;
      let idleMb: number;
      let peakMb: number;
      try {
        plant.serverUrl = `https://127.0.0.1:${server.port}`;
        idleMb = residentMb(server.pid, 'VmRSS');
        const manyStart = now();
        await Promise.all(
          nodes.map((node, index) => ship(plant, node.nodeId, node.key, logs[index]!, links[index]!)),
        );
        manyMs = nsToMs(now() - manyStart);
        peakMb = residentMb(server.pid, 'VmHWM');
      } finally {
        await server.stop();
        rmSync(cli.dir, { recursive: true, force: true });
      }

      const verifiedPerSecond = ENTRIES / (nsToMs(verifiedNs) / 1000);
      const barePerSecond = ENTRIES / (bareMs / 1000);
      return {
        name: 'plant-ingest',
        description: `${ENTRIES} entries over HTTPS (uploads of ${PER_UPLOAD}, checkpoint per ${PER_TRANSACTION}) verified + stored vs bare INSERT of the same rows; then ${TERMINALS} terminals × ${TERMINAL_ENTRIES} entries at once`,
        rows: [
          { measure: 'verified ingest over HTTPS', value: Math.round(verifiedPerSecond), unit: 'entries/s' },
          {
            measure: 'bare INSERT, same rows and batches',
            value: Math.round(barePerSecond),
            unit: 'entries/s',
          },
          {
            measure: `catch-up of ${ENTRIES} entries (one week offline)`,
            value: Math.round(catchUpMs) / 1000,
            unit: 's',
          },
          {
            measure: `${TERMINALS} terminals × ${TERMINAL_ENTRIES} entries at once`,
            value: Math.round(manyMs) / 1000,
            unit: 's',
          },
          { measure: 'server process RSS, started and idle', value: idleMb, unit: 'MB' },
          {
            measure: `server process peak RSS (VmHWM) while ${TERMINALS} terminals sync`,
            value: peakMb,
            unit: 'MB',
          },
        ],
        ratios: [{ label: 'plant ingest verified / bare INSERT', value: verifiedPerSecond / barePerSecond }],
        raw: { catchUpMs, bareMs, manyMs, idleMb, peakMb, entries: ENTRIES, perUpload: PER_UPLOAD },
      };
    } finally {
      await plant.stop();
    }
  },
};
