/**
 * Export package: a full signed export (write with fsync of every file and the folder, read-back of
 * every file with size and SHA-256 compared, rename into place) of a batch-sized package: a ~5 MB
 * PDF and a ~2 MB JSON copy, RUNS times after a warm-up, each into a fresh folder under os.tmpdir()
 * (set TMPDIR to a USB drive's mount point to measure the drive). Phases are timed from the
 * writer's own progress calls; the offline verifier (`ebr verify-export`) is timed on each package.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyExportPackage } from '../../electron/core/export/verify-package';
import { batchRecordFiles, exportTerminal, writeTestPackage } from '../helpers/export-fixture';
import { now, rawMs, summarize, type Benchmark, type BenchResult } from './stats';

const PDF_BYTES = 5 * 1024 * 1024;
const JSON_BYTES = 2 * 1024 * 1024;
const WARM_UP = 1;
const RUNS = 8;

interface Timings {
  total: bigint;
  compose: bigint;
  write: bigint;
  readBack: bigint;
  finalize: bigint;
  verify: bigint;
}

export const exportPackage: Benchmark = {
  name: 'export',
  async run(): Promise<BenchResult> {
    const root = mkdtempSync(join(tmpdir(), 'ebr-bench-export-'));
    try {
      const terminal = exportTerminal(root);
      const files = batchRecordFiles(PDF_BYTES, JSON_BYTES);
      const packageBytes = files.reduce((sum, file) => sum + file.bytes.length, 0);
      const once = async (index: number): Promise<Timings> => {
        const destinationDir = join(root, `usb-${index}`);
        mkdirSync(destinationDir);
        const marks = new Map<string, bigint>();
        const start = now();
        const result = await writeTestPackage(terminal, destinationDir, {
          files,
          onProgress: (_done, _total, label) => {
            const phase = label.split(' ')[0]!;
            if (!marks.has(phase)) marks.set(phase, now());
          },
        });
        const end = now();
        const verifyStart = now();
        const report = await verifyExportPackage(result.directory);
        const verify = now() - verifyStart;
        if (!report.valid)
          throw new Error(`bench package does not verify: ${JSON.stringify(report.problems)}`);
        rmSync(destinationDir, { recursive: true, force: true });
        return {
          total: end - start,
          compose: marks.get('Writing')! - start,
          write: marks.get('Verifying')! - marks.get('Writing')!,
          readBack: marks.get('Finalizing')! - marks.get('Verifying')!,
          finalize: marks.get('Export')! - marks.get('Finalizing')!,
          verify,
        };
      };
      for (let i = 0; i < WARM_UP; i++) await once(-1 - i);
      const runs: Timings[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await once(i));
      const of = (key: keyof Timings) => runs.map((run) => run[key]);
      const total = summarize(of('total'));
      const megabytes = packageBytes / 1e6;
      return {
        name: 'export',
        description:
          `Signed export package of a ${(PDF_BYTES / 2 ** 20).toFixed(0)} MiB PDF + ${(JSON_BYTES / 2 ** 20).toFixed(0)} MiB JSON ` +
          `into ${tmpdir()}: write + fsync, read-back with SHA-256, rename (x${RUNS} after ${WARM_UP} warm-up); then ebr verify-export of it`,
        rows: [
          { measure: 'full export (write + read-back verify + rename) p50', value: total.p50, unit: 'ms' },
          { measure: 'full export p99', value: total.p99, unit: 'ms' },
          { measure: 'full export throughput at p50', value: megabytes / (total.p50 / 1000), unit: 'MB/s' },
          {
            measure: 'compose (hash files, sign manifest) p50',
            value: summarize(of('compose')).p50,
            unit: 'ms',
          },
          { measure: 'write + fsync phase p50', value: summarize(of('write')).p50, unit: 'ms' },
          { measure: 'read-back verify phase p50', value: summarize(of('readBack')).p50, unit: 'ms' },
          { measure: 'rename into place p50', value: summarize(of('finalize')).p50, unit: 'ms' },
          {
            measure: 'offline verify-export of the package p50',
            value: summarize(of('verify')).p50,
            unit: 'ms',
          },
        ],
        ratios: [],
        raw: {
          packageBytes,
          totalMs: rawMs(of('total')),
          composeMs: rawMs(of('compose')),
          writeMs: rawMs(of('write')),
          readBackMs: rawMs(of('readBack')),
          finalizeMs: rawMs(of('finalize')),
          verifyMs: rawMs(of('verify')),
        },
      };
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  },
};
