/**
 * Export of executed batches through the channels, as the Technician's screen does it: one signed
 * package per batch (PDF + electronic copy), progress events, the `batch.exported` audit row only
 * once a package is complete; the package checked with the offline verifier, with openssl and
 * sha256sum, and through `exports.verify`; a drive that fills up leaves nothing and audits nothing.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchView } from '../../shared/contract/batches';
import type {
  ExportProgressEvent,
  ExportVerificationView,
  ExportWriteResult,
  RecentExportView,
} from '../../shared/contract/records';
import { manualClock } from '../../electron/core/clock';
import { ConnectionHub } from '../../electron/core/connections';
import { nodeExportFs, type ExportFs } from '../../electron/core/export/export-fs';
import { verifyExportPackage } from '../../electron/core/export/verify-package';
import { SessionRegistry } from '../../electron/core/identity/sessions';
import { RecordsService } from '../../electron/core/records/records-service';
import { createServices } from '../../electron/core/services';
import { applicationVersion } from '../../electron/core/app-version';
import { TEST_START_MS, temporaryFolder } from '../helpers/fresh-app';
import { OPENSSL_VERIFY, shell } from '../helpers/export-fixture';
import { auditRowsAfter, expectError, json, lastAuditSeq, value } from '../helpers/identity';
import { executeBatch, recordFloor, WET_GRANULATION, type RecordFloor } from '../helpers/executed-batch';

let floor: RecordFloor;
let batch: BatchView;
let inProgress: BatchView;
const root = temporaryFolder('ebr-batch-export-');

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function usb(name: string): string {
  const folder = join(root, name);
  mkdirSync(folder);
  return folder;
}

beforeAll(async () => {
  floor = await recordFloor();
  batch = await executeBatch(floor, WET_GRANULATION, 'B2026-0101');
  inProgress = await executeBatch(floor, WET_GRANULATION, 'B2026-0102', {
    stopAt: 'gran_load',
    correction: null,
  });
}, 300_000);

afterAll(async () => {
  await floor?.fresh.cleanup();
  rmSync(root, { recursive: true, force: true });
});

describe('exports.write', () => {
  let destination: string;
  let result: ExportWriteResult;
  const progress: ExportProgressEvent[] = [];
  let seqBefore: number;

  beforeAll(async () => {
    destination = usb('usb-1');
    seqBefore = lastAuditSeq(floor.fresh.app);
    const stop = floor.tina.connection.on('exports.progress', (event) => progress.push(event));
    result = value<ExportWriteResult>(
      await floor.tina.connection.invoke('exports.write', {
        batchIds: [batch.id, inProgress.id],
        destinationDir: destination,
      }),
    );
    stop();
  }, 120_000);

  it('writes one complete package per batch, with the PDF and the electronic copy', () => {
    expect(result.packages.map((written) => written.batchNumber)).toEqual(['B2026-0101', 'B2026-0102']);
    expect(readdirSync(destination).sort()).toEqual(
      result.packages.map((written) => written.packageName).sort(),
    );
    for (const written of result.packages) {
      expect(written.packageName).toMatch(/^EBR-B2026-010\d-20261102T\d{6}Z$/);
      expect(readdirSync(written.directory).sort()).toEqual(
        [
          'SHA256SUMS',
          'VERIFY.txt',
          'batch-record.json',
          'batch-record.pdf',
          'batch-record.xml',
          'manifest.json',
          'manifest.sig',
          'public-key.pem',
        ].sort(),
      );
      expect(sha256(readFileSync(join(written.directory, 'manifest.json')))).toBe(written.manifestSha256);
    }
  });

  it('reports progress for each batch, ending each with done = total', () => {
    for (const index of [1, 2]) {
      const events = progress.filter((event) => event.batchIndex === index);
      expect(events[0]!.label).toMatch(/^Composing the batch record of B2026-010/);
      expect(events.some((event) => event.label.startsWith('Writing batch-record.pdf'))).toBe(true);
      expect(events.some((event) => event.label.startsWith('Verifying batch-record.json'))).toBe(true);
      const last = events.at(-1)!;
      expect(last).toMatchObject({ batchCount: 2, label: 'Export complete' });
      expect(last.done).toBe(last.total);
    }
  });

  it('passes ebr verify-export’s check, openssl’s signature check and sha256sum', async () => {
    const fingerprint = floor.fresh.app.runtime!.terminal.key.fingerprint;
    for (const written of result.packages) {
      const report = await verifyExportPackage(written.directory, { trustedFingerprint: fingerprint });
      expect(report.problems).toEqual([]);
      expect(report.valid).toBe(true);
      const openssl = await shell(OPENSSL_VERIFY, written.directory);
      expect(openssl.stdout + openssl.stderr).toContain('Signature Verified Successfully');
      expect(openssl.code).toBe(0);
      const sums = await shell('sha256sum -c SHA256SUMS', written.directory);
      expect(sums.code).toBe(0);
    }
  });

  it('carries an electronic copy whose SHA-256 is the one in the PDF footer', () => {
    for (const written of result.packages) {
      const copy = readFileSync(join(written.directory, 'batch-record.json'));
      const document = JSON.parse(copy.toString('utf8'));
      expect(document.batch.batchNumber).toBe(written.batchNumber);
      expect(sha256(copy)).toBe(written.electronicCopySha256);
      const text = execFileSync('pdftotext', ['-layout', join(written.directory, 'batch-record.pdf'), '-'], {
        encoding: 'utf8',
      });
      const footers = [
        ...text.matchAll(/Electronic copy \(batch-record\.json\) SHA-256: ([0-9a-f]{64})/g),
      ].map((m) => m[1]);
      expect(footers.length).toBeGreaterThan(3);
      expect(new Set(footers)).toEqual(new Set([sha256(copy)]));
      const manifest = JSON.parse(readFileSync(join(written.directory, 'manifest.json'), 'utf8'));
      expect(manifest.batch).toMatchObject({
        batchNumber: written.batchNumber,
        electronicCopySha256: sha256(copy),
      });
      expect(manifest.exporter).toMatchObject({ username: 'tina', fullName: 'Tina Technicienne' });
      expect(manifest.auditChainHead.auditSeq).toBe(document.auditChainCheckpoint.auditSeq);
    }
  });

  it('audits each export as batch.exported, once its package was complete', () => {
    const all = auditRowsAfter(floor.fresh.app, seqBefore);
    // Each package's intent is audited just before it is renamed into place, then its export.
    expect(all.map((row) => row.action)).toEqual([
      'batch.export-intended',
      'batch.exported',
      'batch.export-intended',
      'batch.exported',
    ]);
    const rows = all.filter((row) => row.action === 'batch.exported');
    result.packages.forEach((written, index) => {
      const intent = json(all[index * 2]!.new_value) as Record<string, unknown>;
      expect(intent).toMatchObject({ manifestSha256: written.manifestSha256, directory: written.directory });
      const row = rows[index]!;
      expect(row.entity_type).toBe('batch-export');
      expect(row.entity_id).toBe(written.batchId);
      expect(row.user_name).toBe('Tina Technicienne');
      expect(json(row.new_value)).toMatchObject({
        packageName: written.packageName,
        manifestSha256: written.manifestSha256,
        electronicCopySha256: written.electronicCopySha256,
      });
    });
    // The copy in the package was made before its own export row: it holds the chain up to then.
    const document = JSON.parse(
      readFileSync(join(result.packages[0]!.directory, 'batch-record.json'), 'utf8'),
    );
    expect(document.auditTrail.lastSeq).toBeLessThan(rows[0]!.seq);
  });

  it('lists the packages written, newest first, in exports.recent for those who export', async () => {
    const recent = value<RecentExportView[]>(await floor.tina.connection.invoke('exports.recent', {}));
    expect(recent.map((written) => written.packageName)).toEqual(
      [...result.packages].reverse().map((written) => written.packageName),
    );
    expect(recent[0]).toMatchObject({
      batchNumber: 'B2026-0102',
      directory: result.packages[1]!.directory,
      exportedByName: 'Tina Technicienne',
    });
    expectError(await floor.olga.connection.invoke('exports.recent', {}), 'FORBIDDEN');
  });

  it('verifies through exports.verify, naming the registered terminal, and names a changed file', async () => {
    const written = result.packages[0]!;
    const report = value<ExportVerificationView>(
      await floor.quinn.connection.invoke('exports.verify', { directory: written.directory }),
    );
    expect(report.valid).toBe(true);
    expect(report.registeredTerminal).toMatchObject({ name: 'WS-GRAN-02', status: 'registered' });
    const pdf = join(written.directory, 'batch-record.pdf');
    const bytes = readFileSync(pdf);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    writeFileSync(pdf, bytes);
    const changed = value<ExportVerificationView>(
      await floor.tina.connection.invoke('exports.verify', { directory: written.directory }),
    );
    expect(changed.valid).toBe(false);
    expect(changed.problems.map((problem) => [problem.kind, problem.file])).toEqual([
      ['file-changed', 'batch-record.pdf'],
    ]);
    expect((await shell('sha256sum -c SHA256SUMS', written.directory)).code).not.toBe(0);
  });

  it('lists destinations and refuses people without the permission', async () => {
    expect(Array.isArray(value(await floor.tina.connection.invoke('exports.destinations', {})))).toBe(true);
    const target = usb('usb-refused');
    expectError(
      await floor.olga.connection.invoke('exports.write', { batchIds: [batch.id], destinationDir: target }),
      'FORBIDDEN',
    );
    expectError(
      await floor.quinn.connection.invoke('exports.write', { batchIds: [batch.id], destinationDir: target }),
      'FORBIDDEN',
    );
    expectError(await floor.olga.connection.invoke('exports.verify', { directory: target }), 'FORBIDDEN');
    expectError(
      await floor.tina.connection.invoke('exports.write', {
        batchIds: [batch.id],
        destinationDir: 'relative/usb',
      }),
      'VALIDATION_FAILED',
    );
    expect(readdirSync(target)).toEqual([]);
  });
});

describe('a drive that fails mid-export', () => {
  it('leaves no package, writes no batch.exported row, and a retry exports', async () => {
    const runtime = floor.fresh.app.runtime!;
    // A second set of services over the same store, with an export file system that fills up.
    const services = createServices(
      runtime,
      manualClock(TEST_START_MS + 86_400_000),
      new ConnectionHub(),
      new SessionRegistry(),
    );
    const full: ExportFs = {
      ...nodeExportFs,
      async open(path, mode) {
        const handle = await nodeExportFs.open(path, mode);
        if (mode !== 'create' || !path.endsWith('batch-record.json')) return handle;
        return {
          ...handle,
          write: async (bytes) => {
            await handle.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
            throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
          },
          read: (buffer) => handle.read(buffer),
          sync: () => handle.sync(),
          close: () => handle.close(),
        };
      },
    };
    const records = (exportFs?: ExportFs) =>
      new RecordsService({
        sqlite: runtime.store.sqlite,
        views: services.batches.views,
        signatures: services.signatures,
        review: services.review,
        audit: runtime.audit,
        clock: manualClock(TEST_START_MS + 86_400_000),
        terminal: runtime.terminal,
        applicationVersion,
        ...(exportFs ? { exportFs } : {}),
      });
    const destination = usb('usb-full');
    const before = lastAuditSeq(floor.fresh.app);
    const tinaId = runtime.store.sqlite
      .prepare("SELECT id FROM users WHERE username = 'tina'")
      .pluck()
      .get() as string;
    const exporter = { userId: tinaId, username: 'tina', fullName: 'Tina Technicienne' };
    const failure = await records(full)
      .exportBatches(exporter, [batch.id], destination)
      .then(
        () => null,
        (error: Error & { code?: string }) => error,
      );
    expect(failure?.code).toBe('EXPORT_FAILED');
    expect(failure?.message).toContain('batch-record.json');
    expect(readdirSync(destination)).toEqual([]);
    expect(lastAuditSeq(floor.fresh.app)).toBe(before);
    const retried = await records().exportBatches(exporter, [batch.id], destination);
    expect(readdirSync(destination)).toEqual([retried.packages[0]!.packageName]);
    expect(auditRowsAfter(floor.fresh.app, before).map((row) => row.action)).toEqual([
      'batch.export-intended',
      'batch.exported',
    ]);
  });
});
