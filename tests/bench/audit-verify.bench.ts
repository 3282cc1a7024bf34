/**
 * (b) Audit-chain verification rows/s vs raw SHA-256 rows/s over the same bytes.
 *
 * Builds a trail of ROWS audit rows through audit.change (ROWS_PER_CHANGE rows per change, so there is
 * one signed checkpoint per change), then times verifyAuditTrail over the whole encrypted store. The
 * baseline hashes, for every row, exactly the bytes the verifier hashes (prev_hash hex ‖ RFC 8785 JSON
 * of the row content), prepared in memory beforehand: only createHash().update().digest() is timed.
 * The breakdown rows time the other parts of verification (reading and decrypting the rows, canonical
 * JSON) on their own.
 */
import { createHash } from 'node:crypto';
import { auditRowCanonicalJson, auditRowHash, type AuditRowContent } from '../../electron/core/audit/chain';
import { verifyAuditTrail } from '../../electron/core/audit/verifier';
import { freshApp } from '../helpers/fresh-app';
import { median, nsToMs, now, type Benchmark, type BenchResult } from './stats';

const ROWS = 50_000;
const ROWS_PER_CHANGE = 1000;
const VERIFY_RUNS = 5;
const HASH_WARM_UP = 2;
const HASH_RUNS = 7;

interface StoredRow extends AuditRowContent {
  prevHash: string;
  hash: string;
}

export const auditVerify: Benchmark = {
  name: 'audit-verify',
  async run(): Promise<BenchResult> {
    const fresh = await freshApp({ terminalName: 'WS-BENCH-02' });
    try {
      const runtime = fresh.app.runtime;
      if (!runtime) throw new Error('fresh app has no runtime');
      const { sqlite } = runtime.store;
      const actor = { userId: fresh.adminUserId, userName: 'Ada Administrator' };

      // Build the trail: realistic rows (a weighing corrected with a reason every 10th row).
      const buildStart = now();
      for (let change = 0; change < ROWS / ROWS_PER_CHANGE; change++) {
        fresh.clock.advance(1000);
        runtime.audit.change(actor, ({ record }) => {
          for (let i = 0; i < ROWS_PER_CHANGE; i++) {
            const n = change * ROWS_PER_CHANGE + i;
            const corrected = n % 10 === 0;
            const value = {
              batch: `B-2026-${String(1 + (n % 40)).padStart(4, '0')}`,
              step: `OP${10 + (n % 7) * 10}.S${n % 25}`,
              material: 'API-0042',
              lot: `L-${1000 + (n % 300)}`,
              net: Math.round((12.5 + (n % 997) / 1000) * 1000) / 1000,
              unit: 'kg',
              balance: { id: 'BAL-07', serial: 'SN-2231-88', stable: true },
            };
            record({
              action: corrected ? 'weighing.correct' : 'weighing.capture',
              entityType: 'weighing',
              entityId: `W-${n}`,
              oldValue: corrected ? { ...value, net: value.net + 0.01 } : undefined,
              newValue: value,
              reason: corrected ? 'Transcription error corrected; see deviation DEV-2026-0113' : null,
            });
          }
        });
      }
      const buildMs = nsToMs(now() - buildStart);
      const totalRows = sqlite.prepare('SELECT count(*) FROM audit_trail').pluck().get() as number;

      // Verification over the whole trail (rows written at set-up included).
      const verifyMs: number[] = [];
      let rowsChecked = 0;
      let checkpointsChecked = 0;
      for (let run = 0; run < VERIFY_RUNS; run++) {
        const start = now();
        const report = verifyAuditTrail({
          sqlite,
          trustedPublicKeys: runtime.trustedPublicKeys(),
          headMirror: runtime.headMirror(),
        });
        verifyMs.push(nsToMs(now() - start));
        if (!report.intact) throw new Error(`audit trail not intact: ${JSON.stringify(report.firstBreak)}`);
        rowsChecked = report.rowsChecked;
        checkpointsChecked = report.checkpointsChecked;
      }
      if (rowsChecked !== totalRows) throw new Error(`verifier checked ${rowsChecked} of ${totalRows} rows`);

      // Breakdown 1: reading (and decrypting) the rows the way the verifier pages through them.
      const page = sqlite.prepare(
        `SELECT seq, at_utc AS atUtc, user_id AS userId, user_name AS userName, terminal_id AS terminalId, action,
                entity_type AS entityType, entity_id AS entityId, old_value AS oldValue, new_value AS newValue, reason,
                prev_hash AS prevHash, hash
         FROM audit_trail WHERE seq > ? ORDER BY seq LIMIT 5000`,
      );
      const readMs: number[] = [];
      let rows: StoredRow[] = [];
      for (let run = 0; run < VERIFY_RUNS; run++) {
        const start = now();
        const all: StoredRow[] = [];
        for (let batch = page.all(0) as StoredRow[]; batch.length > 0;) {
          for (const row of batch) all.push(row);
          batch = page.all(batch[batch.length - 1]!.seq) as StoredRow[];
        }
        readMs.push(nsToMs(now() - start));
        rows = all;
      }

      // Breakdown 2: canonical JSON of every row, as auditRowHash builds it (each text used, then
      // dropped, as in the verifier: keeping 50,000 of them alive only measures the garbage collector).
      const jcsMs: number[] = [];
      let sink = 0;
      for (let run = 0; run < VERIFY_RUNS; run++) {
        const start = now();
        for (const row of rows) sink ^= auditRowCanonicalJson(row).length;
        jcsMs.push(nsToMs(now() - start));
      }

      // Baseline: the same bytes, prepared in memory; only SHA-256 is timed.
      const buffers = rows.map((row) => Buffer.from(row.prevHash + auditRowCanonicalJson(row), 'utf8'));
      const totalBytes = buffers.reduce((sum, buffer) => sum + buffer.length, 0);
      buffers.forEach((buffer, i) => {
        // Same bytes as the verifier: the digest must equal the stored hash.
        if (createHash('sha256').update(buffer).digest('hex') !== rows[i]!.hash) {
          throw new Error(`prepared bytes of row ${rows[i]!.seq} do not reproduce its hash`);
        }
      });
      const hashMs: number[] = [];
      for (let run = 0; run < HASH_WARM_UP + HASH_RUNS; run++) {
        const start = now();
        for (const buffer of buffers) sink ^= createHash('sha256').update(buffer).digest()[0]!;
        if (run >= HASH_WARM_UP) hashMs.push(nsToMs(now() - start));
      }

      // Breakdown 3: auditRowHash (JCS + SHA-256 as hex) on rows already in memory.
      const rowHashMs: number[] = [];
      for (let run = 0; run < VERIFY_RUNS; run++) {
        const start = now();
        for (const row of rows) sink ^= auditRowHash(row.prevHash, row).charCodeAt(0);
        rowHashMs.push(nsToMs(now() - start));
      }

      const perSecond = (ms: number) => rowsChecked / (ms / 1000);
      const verifyRate = perSecond(median(verifyMs));
      const hashRate = perSecond(median(hashMs));
      return {
        name: 'audit-verify',
        description: `verifyAuditTrail over ${rowsChecked.toLocaleString('en-US')} rows / ${checkpointsChecked} signed checkpoints (median of ${VERIFY_RUNS}) vs SHA-256 over the same ${(totalBytes / 1e6).toFixed(1)} MB (median of ${HASH_RUNS})`,
        rows: [
          { measure: 'rows verified', value: rowsChecked, unit: 'rows' },
          { measure: 'signed checkpoints verified', value: checkpointsChecked, unit: 'checkpoints' },
          { measure: 'verifyAuditTrail time', value: median(verifyMs), unit: 'ms' },
          { measure: 'verifyAuditTrail throughput', value: verifyRate, unit: 'rows/s' },
          { measure: 'raw SHA-256 over the same bytes throughput', value: hashRate, unit: 'rows/s' },
          {
            measure: 'raw SHA-256 over the same bytes throughput',
            value: totalBytes / 1e6 / (median(hashMs) / 1000),
            unit: 'MB/s',
          },
          { measure: 'ratio verify/raw SHA-256 (rows/s)', value: verifyRate / hashRate, unit: 'x' },
          { measure: 'breakdown: read + decrypt rows (paged SELECT)', value: median(readMs), unit: 'ms' },
          { measure: 'breakdown: RFC 8785 canonical JSON of rows', value: median(jcsMs), unit: 'ms' },
          { measure: 'breakdown: auditRowHash (JCS + SHA-256 hex)', value: median(rowHashMs), unit: 'ms' },
          { measure: 'breakdown: raw SHA-256 only', value: median(hashMs), unit: 'ms' },
          {
            measure: 'build: audited appends, 1000 rows per change',
            value: totalRows / (buildMs / 1000),
            unit: 'rows/s',
          },
        ],
        ratios: [{ label: 'audit-verify verify/raw-SHA-256 rows/s', value: verifyRate / hashRate }],
        raw: {
          rows: rowsChecked,
          rowsAppended: ROWS,
          rowsPerChange: ROWS_PER_CHANGE,
          checkpoints: checkpointsChecked,
          hashedBytes: totalBytes,
          meanBytesPerRow: totalBytes / rowsChecked,
          buildMs,
          verifyMs,
          readMs,
          canonicalJsonMs: jcsMs,
          auditRowHashMs: rowHashMs,
          rawSha256Ms: hashMs,
          sink,
        },
      };
    } finally {
      await fresh.cleanup();
    }
  },
};
