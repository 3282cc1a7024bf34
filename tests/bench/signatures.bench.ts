/**
 * (c) Electronic signatures.
 *
 * 1. Signature creation, EXCLUDING Argon2: the signer re-authenticates once (timed separately, for
 *    the record), then each timed operation is
 *      audit.change(actor, ({record}) => signatures.signWithin(record, signer, ref, content, 'performed'))
 *    — one IMMEDIATE transaction holding the signature row (content hash = SHA-256 of RFC 8785 JSON,
 *    Ed25519 signature by the terminal key), its `signature.applied` audit row and the signed
 *    checkpoint, then the head mirror. Compared with the bare durable commit (an INSERT into an
 *    identical-width table in its own IMMEDIATE transaction, as in durable-commit), interleaved, on
 *    the same encrypted connection in the same run.
 *
 * 2. Chain + signature verification: verifyAuditTrail + verifyAllSignatures over a store of
 *    AUDIT_ROWS audit rows and SIGNATURES signatures (each re-reading its record's content through a
 *    SELECT, as a domain reader does) vs raw SHA-256 over the same bytes, prepared in memory: for each
 *    audit row prev_hash ‖ canonical JSON of the row; for each signature the canonical JSON of the
 *    record content and the signed payload. Throughput is counted in items (audit rows + signatures).
 */
import { createHash } from 'node:crypto';
import { auditRowCanonicalJson, auditRowHash, type AuditRowContent } from '../../electron/core/audit/chain';
import { verifyAuditTrail } from '../../electron/core/audit/verifier';
import { ConnectionHub } from '../../electron/core/connections';
import { SessionRegistry, type SessionRecord } from '../../electron/core/identity/sessions';
import { createServices } from '../../electron/core/services';
import type { Signer } from '../../electron/core/signatures/signature-service';
import {
  contentHashOf,
  keyringOf,
  signatureColumns,
  signedPayload,
  verifyAllSignatures,
  type StoredSignature,
} from '../../electron/core/signatures/signature-verification';
import { SignedRecords } from '../../electron/core/signatures/signed-records';
import { verifyWithPublicKey } from '../../electron/core/terminal/terminal-key';
import { canonicalJson } from '../../shared/canonical-json';
import type { UserSummary } from '../../shared/contract/identity';
import { freshApp, signIn } from '../helpers/fresh-app';
import { bareDurableCommit, createBenchTable, type BenchItem } from './bench-store';
import {
  median,
  nsToMs,
  now,
  rawMs,
  summarize,
  timeInterleaved,
  timeNs,
  type Benchmark,
  type BenchResult,
  type Summary,
} from './stats';

const WARM_UP = 30;
const N = 300;
const AUDIT_ROWS = 20_000;
const SIGNATURES = 5_000;
const SIGNATURES_PER_CHANGE = 10;
const VERIFY_RUNS = 5;
const HASH_WARM_UP = 2;
const HASH_RUNS = 7;
const RECORD_TYPE = 'bench-weighing';
const PASSWORD = 'Bench-Signer-2026!';

/** The small record a "performed" signature covers: one weighing. */
function weighing(i: number): BenchItem {
  const value = {
    balance: 'BAL-07',
    gross: 12.5 + (i % 997) / 1000,
    tare: 0.412,
    stable: true,
    serial: 'SN-2231-88',
  };
  return {
    batchId: `B-2026-${String(1 + (i % 40)).padStart(4, '0')}`,
    stepId: `OP10.S${i % 25}`,
    material: 'API-0042',
    quantity: Math.round((value.gross - value.tare) * 1000) / 1000,
    unit: 'kg',
    payload: JSON.stringify(value),
  };
}

interface StoredRow extends AuditRowContent {
  prevHash: string;
  hash: string;
}

export const signatures: Benchmark = {
  name: 'signatures',
  async run(): Promise<BenchResult> {
    const fresh = await freshApp({ terminalName: 'WS-BENCH-03' });
    try {
      const runtime = fresh.app.runtime;
      if (!runtime) throw new Error('fresh app has no runtime');
      const { sqlite } = runtime.store;
      const { audit } = runtime;
      if (
        sqlite.pragma('journal_mode', { simple: true }) !== 'wal' ||
        sqlite.pragma('synchronous', { simple: true }) !== 2
      ) {
        throw new Error('unexpected store settings');
      }

      // An operator who may sign "performed"; the signature service over the app's own runtime.
      const admin = await fresh.admin();
      const created = await admin.invoke('users.create', {
        username: 'op.bench',
        fullName: 'Otto Benchmark',
        roles: ['operator'],
        temporaryPassword: 'Temporary-Pass-7',
        reason: 'Benchmark signer',
      });
      if (!created.ok) throw new Error(`users.create failed: ${created.error.message}`);
      const user = created.value as UserSummary;
      await signIn(fresh.app, 'op.bench', 'Temporary-Pass-7', PASSWORD);
      const services = createServices(runtime, fresh.clock, new ConnectionHub(), new SessionRegistry());
      const session: SessionRecord = {
        userId: user.id,
        username: user.username,
        fullName: user.fullName,
        roles: user.roles,
        state: 'active',
        passwordChangeReason: null,
        lastActivityMs: fresh.clock.now(),
      };
      const authStart = now();
      const signer: Signer = await services.signatures.authenticate(
        session,
        { kind: 'self', password: PASSWORD },
        'performed',
      );
      const authenticateMs = nsToMs(now() - authStart);
      const actor = { userId: signer.userId, userName: signer.fullName };

      const insertRecord = createBenchTable(sqlite, 'bench_weighings', 'text-id');
      const bareCommit = bareDurableCommit<BenchItem & { id: string }>(
        sqlite,
        createBenchTable(sqlite, 'bench_weighings_bare', 'text-id'),
      );

      // ---- 1. signature creation vs bare durable commit ----
      let signed = 0;
      let bareCount = 0;
      const sign = () => {
        const i = signed++;
        fresh.clock.advance(1);
        audit.change(actor, ({ record }) =>
          services.signatures.signWithin(
            record,
            signer,
            { type: RECORD_TYPE, id: `W-${i}` },
            weighing(i),
            'performed',
          ),
        );
      };
      const bare = () => {
        const i = bareCount++;
        bareCommit({ id: `W-${i}`, ...weighing(i) });
      };
      const [signNs, bareNs] = timeInterleaved(sign, bare, WARM_UP, N);
      // The records those signatures cover, stored after the fact (not timed) so they verify below.
      sqlite.transaction(() => {
        for (let i = 0; i < signed; i++) insertRecord.run({ id: `W-${i}`, ...weighing(i) });
      })();

      // Breakdown: the cryptographic parts of one signature, alone.
      const sample = sqlite
        .prepare(`SELECT ${signatureColumns} FROM signatures WHERE record_type = ? LIMIT 1`)
        .get(RECORD_TYPE) as StoredSignature;
      const payload = signedPayload(sample);
      const ed25519Ns: bigint[] = [];
      const contentHashNs: bigint[] = [];
      for (let i = 0; i < WARM_UP + N; i++) {
        const t1 = timeNs(() => runtime.terminal.key.sign(payload));
        const t2 = timeNs(() => contentHashOf(weighing(i)));
        if (i >= WARM_UP) {
          ed25519Ns.push(t1);
          contentHashNs.push(t2);
        }
      }

      // ---- 2. build the store for verification ----
      const buildStart = now();
      const signaturesNow = () => sqlite.prepare('SELECT count(*) FROM signatures').pluck().get() as number;
      const auditRowsNow = () => sqlite.prepare('SELECT count(*) FROM audit_trail').pluck().get() as number;
      // Each further signed weighing writes two audit rows (the capture and signature.applied); plain
      // weighings fill the trail up to AUDIT_ROWS.
      const remainingSignatures = SIGNATURES - signaturesNow();
      const changes = Math.ceil(remainingSignatures / SIGNATURES_PER_CHANGE);
      const fillerTotal = AUDIT_ROWS - auditRowsNow() - 2 * remainingSignatures;
      let signedHere = 0;
      let filler = 0;
      for (let change = 0; change < changes; change++) {
        fresh.clock.advance(1000);
        const signaturesHere = Math.min(SIGNATURES_PER_CHANGE, remainingSignatures - signedHere);
        const fillerHere = Math.round(((change + 1) * fillerTotal) / changes) - filler;
        audit.change(actor, ({ record }) => {
          for (let k = 0; k < signaturesHere; k++) {
            const i = signed++;
            const content = weighing(i);
            insertRecord.run({ id: `W-${i}`, ...content });
            record({
              action: 'weighing.capture',
              entityType: RECORD_TYPE,
              entityId: `W-${i}`,
              newValue: content,
            });
            services.signatures.signWithin(
              record,
              signer,
              { type: RECORD_TYPE, id: `W-${i}` },
              content,
              'performed',
            );
          }
          for (let f = 0; f < fillerHere; f++) {
            const n = filler + f;
            record({
              action: n % 10 === 0 ? 'weighing.correct' : 'weighing.capture',
              entityType: 'weighing',
              entityId: `F-${n}`,
              newValue: weighing(n),
              reason: n % 10 === 0 ? 'Transcription error corrected; see deviation DEV-2026-0113' : null,
            });
          }
        });
        signedHere += signaturesHere;
        filler += fillerHere;
      }
      const buildMs = nsToMs(now() - buildStart);
      const totalAuditRows = auditRowsNow();
      const totalSignatures = signaturesNow();

      // The registry of signed records: the bench type read back by SELECT, as a domain reader would.
      const selectRecord = sqlite.prepare(
        'SELECT batch_id AS batchId, step_id AS stepId, material, quantity, unit, payload FROM bench_weighings WHERE id = ?',
      );
      const records = new SignedRecords();
      records.register(RECORD_TYPE, (id) => selectRecord.get(id));
      const trusted = runtime.trustedPublicKeys();

      // ---- timed verification ----
      const chainMs: number[] = [];
      const signaturesMs: number[] = [];
      const bothMs: number[] = [];
      let rowsChecked = 0;
      let checkpointsChecked = 0;
      for (let run = 0; run < VERIFY_RUNS; run++) {
        const start = now();
        const chain = verifyAuditTrail({
          sqlite,
          trustedPublicKeys: trusted,
          headMirror: runtime.headMirror(),
        });
        const middle = now();
        const report = verifyAllSignatures(sqlite, records, trusted);
        const end = now();
        if (!chain.intact) throw new Error(`audit trail not intact: ${JSON.stringify(chain.firstBreak)}`);
        if (report.invalid.length > 0 || report.valid !== totalSignatures) {
          throw new Error(
            `signatures: ${report.valid} valid, ${report.invalid.length} invalid, e.g. ${JSON.stringify(report.invalid[0])}`,
          );
        }
        rowsChecked = chain.rowsChecked;
        checkpointsChecked = chain.checkpointsChecked;
        chainMs.push(nsToMs(middle - start));
        signaturesMs.push(nsToMs(end - middle));
        bothMs.push(nsToMs(end - start));
      }
      if (rowsChecked !== totalAuditRows)
        throw new Error(`verifier checked ${rowsChecked} of ${totalAuditRows} rows`);

      // ---- baseline: SHA-256 over the same bytes, prepared in memory ----
      const auditRows = sqlite
        .prepare(
          `SELECT seq, at_utc AS atUtc, user_id AS userId, user_name AS userName, terminal_id AS terminalId, action,
                  entity_type AS entityType, entity_id AS entityId, old_value AS oldValue, new_value AS newValue, reason,
                  prev_hash AS prevHash, hash FROM audit_trail ORDER BY seq`,
        )
        .all() as StoredRow[];
      const signatureRows = sqlite
        .prepare(`SELECT ${signatureColumns} FROM signatures ORDER BY rowid`)
        .all() as StoredSignature[];
      const auditBuffers = auditRows.map((row) =>
        Buffer.from(row.prevHash + auditRowCanonicalJson(row), 'utf8'),
      );
      auditBuffers.forEach((buffer, i) => {
        if (createHash('sha256').update(buffer).digest('hex') !== auditRows[i]!.hash) {
          throw new Error(`prepared bytes of audit row ${auditRows[i]!.seq} do not reproduce its hash`);
        }
      });
      const contentBuffers: Buffer[] = [];
      const payloadBuffers: Buffer[] = [];
      for (const row of signatureRows) {
        const content = Buffer.from(
          canonicalJson(records.contentOf({ type: row.recordType, id: row.recordId })),
          'utf8',
        );
        if (createHash('sha256').update(content).digest('hex') !== row.contentHash) {
          throw new Error(`prepared content of signature ${row.id} does not reproduce its hash`);
        }
        contentBuffers.push(content);
        payloadBuffers.push(signedPayload(row));
      }
      const allBuffers = [...auditBuffers, ...contentBuffers, ...payloadBuffers];
      const totalBytes = allBuffers.reduce((sum, buffer) => sum + buffer.length, 0);
      let sink = 0;
      const hashMs: number[] = [];
      for (let run = 0; run < HASH_WARM_UP + HASH_RUNS; run++) {
        const start = now();
        for (const buffer of allBuffers) sink ^= createHash('sha256').update(buffer).digest()[0]!;
        if (run >= HASH_WARM_UP) hashMs.push(nsToMs(now() - start));
      }

      // Breakdown: the parts of signature verification on rows already in memory.
      const keys = keyringOf(trusted);
      const pem = keys.get(runtime.terminal.key.fingerprint)!;
      const ed25519VerifyMs: number[] = [];
      const readContentMs: number[] = [];
      const rowHashMs: number[] = [];
      for (let run = 0; run < VERIFY_RUNS; run++) {
        let start = now();
        for (const row of signatureRows) {
          if (!verifyWithPublicKey(pem, signedPayload(row), Buffer.from(row.signature, 'base64')))
            throw new Error('bad signature');
        }
        ed25519VerifyMs.push(nsToMs(now() - start));
        start = now();
        for (const row of signatureRows)
          sink ^= contentHashOf(records.contentOf({ type: row.recordType, id: row.recordId })).charCodeAt(0);
        readContentMs.push(nsToMs(now() - start));
        start = now();
        for (const row of auditRows) sink ^= auditRowHash(row.prevHash, row).charCodeAt(0);
        rowHashMs.push(nsToMs(now() - start));
      }

      const s: Summary = summarize(signNs);
      const b: Summary = summarize(bareNs);
      const items = totalAuditRows + totalSignatures;
      const verifyRate = items / (median(bothMs) / 1000);
      const hashRate = items / (median(hashMs) / 1000);
      const pair = (label: string, summary: Summary) => [
        { measure: `${label} p50`, value: summary.p50, unit: 'ms' },
        { measure: `${label} p99`, value: summary.p99, unit: 'ms' },
      ];
      return {
        name: 'signatures',
        description:
          `(1) ${N} signature commits (audit.change + signWithin, Argon2 excluded) vs ${N} bare INSERT + commit, interleaved, after ${WARM_UP} warm-up each; ` +
          `(2) verifyAuditTrail + verifyAllSignatures over ${totalAuditRows.toLocaleString('en-US')} audit rows and ${totalSignatures.toLocaleString('en-US')} signatures (median of ${VERIFY_RUNS}) ` +
          `vs SHA-256 over the same ${(totalBytes / 1e6).toFixed(1)} MB (median of ${HASH_RUNS})`,
        rows: [
          ...pair('signature commit (signature row + audit row + signed checkpoint + head mirror)', s),
          { measure: 'signature commit mean', value: s.mean, unit: 'ms' },
          ...pair('bare INSERT + commit', b),
          { measure: 'ratio signature/bare p50', value: s.p50 / b.p50, unit: 'x' },
          { measure: 'ratio signature/bare p99', value: s.p99 / b.p99, unit: 'x' },
          { measure: 'excluded: one re-authentication (Argon2id verify)', value: authenticateMs, unit: 'ms' },
          {
            measure: 'breakdown: Ed25519 sign of the signature payload p50',
            value: summarize(ed25519Ns).p50 * 1000,
            unit: 'µs',
          },
          {
            measure: 'breakdown: content hash (JCS + SHA-256) p50',
            value: summarize(contentHashNs).p50 * 1000,
            unit: 'µs',
          },
          { measure: 'audit rows verified', value: totalAuditRows, unit: 'rows' },
          { measure: 'signatures verified', value: totalSignatures, unit: 'signatures' },
          { measure: 'signed checkpoints verified', value: checkpointsChecked, unit: 'checkpoints' },
          { measure: 'verifyAuditTrail time', value: median(chainMs), unit: 'ms' },
          { measure: 'verifyAllSignatures time', value: median(signaturesMs), unit: 'ms' },
          {
            measure: 'verifyAllSignatures throughput',
            value: totalSignatures / (median(signaturesMs) / 1000),
            unit: 'signatures/s',
          },
          { measure: 'chain + signature verification throughput', value: verifyRate, unit: 'items/s' },
          { measure: 'raw SHA-256 over the same bytes throughput', value: hashRate, unit: 'items/s' },
          { measure: 'ratio verify/raw SHA-256 (items/s)', value: verifyRate / hashRate, unit: 'x' },
          {
            measure: 'breakdown: Ed25519 verify of all signatures (PEM parsed each time)',
            value: median(ed25519VerifyMs),
            unit: 'ms',
          },
          {
            measure: 'breakdown: read record + content hash of all signatures',
            value: median(readContentMs),
            unit: 'ms',
          },
          { measure: 'breakdown: auditRowHash of all audit rows', value: median(rowHashMs), unit: 'ms' },
          { measure: 'breakdown: raw SHA-256 only', value: median(hashMs), unit: 'ms' },
          { measure: 'build: audited appends with signatures', value: buildMs, unit: 'ms' },
        ],
        ratios: [
          { label: 'signatures signature-commit/bare p50', value: s.p50 / b.p50 },
          { label: 'signatures signature-commit/bare p99', value: s.p99 / b.p99 },
          { label: 'signatures verify(chain+signatures)/raw-SHA-256 items/s', value: verifyRate / hashRate },
        ],
        raw: {
          warmUp: WARM_UP,
          n: N,
          authenticateMs,
          summaryMs: { signature: s, bare: b },
          signatureMs: rawMs(signNs),
          bareMs: rawMs(bareNs),
          auditRows: totalAuditRows,
          signatures: totalSignatures,
          checkpoints: checkpointsChecked,
          hashedBytes: totalBytes,
          chainMs,
          signaturesMs,
          bothMs,
          rawSha256Ms: hashMs,
          ed25519VerifyMs,
          readContentMs,
          auditRowHashMs: rowHashMs,
          buildMs,
          sink,
        },
      };
    } finally {
      await fresh.cleanup();
    }
  },
};
