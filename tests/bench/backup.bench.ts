/**
 * Backup time per 100 MB of encrypted store (A11-7.2), and what a restore's verification costs.
 *
 * A fresh store is grown to ≈ 100 MB: 20,000 audit rows through audit.change (1,000 per signed
 * checkpoint) and a filler table of 4 kB rows, checkpointed into the main file. Then, median of
 * RUNS each: createBackup (VACUUM INTO snapshot, archive written and fsynced, manifest signed and
 * written, audit row), the VACUUM INTO snapshot alone, verifyBackup (hashes, integrity_check, chain,
 * signatures: everything a restore checks) and restoreBackup. The longest event-loop block during a
 * backup is what the Electron main process would feel (the snapshot is synchronous).
 */
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createBackup } from '../../electron/core/backup/create-backup';
import { restoreBackup, verifyBackup } from '../../electron/core/backup/restore-backup';
import { parseRecoveryKey } from '../../electron/core/keys/recovery-key';
import { freshApp, temporaryFolder } from '../helpers/fresh-app';
import { median, nsToMs, now, seededRandom, type Benchmark, type BenchResult } from './stats';

const TARGET_BYTES = 100e6;
const AUDIT_ROWS = 20_000;
const ROWS_PER_CHANGE = 1000;
const FILLER_ROW_BYTES = 4000;
const RUNS = 3;

async function timeMs<T>(action: () => Promise<T>): Promise<[number, T]> {
  const start = now();
  const result = await action();
  return [nsToMs(now() - start), result];
}

export const backup: Benchmark = {
  name: 'backup',
  async run(): Promise<BenchResult> {
    const fresh = await freshApp({ terminalName: 'WS-BENCH-BACKUP' });
    const out = temporaryFolder('ebr-bench-backup-');
    try {
      const runtime = fresh.app.runtime;
      if (!runtime) throw new Error('fresh app has no runtime');
      const { sqlite } = runtime.store;
      const key = parseRecoveryKey(fresh.recoveryKey);
      const actor = { userId: fresh.adminUserId, userName: 'Ada Administrator' };

      const buildStart = now();
      for (let change = 0; change < AUDIT_ROWS / ROWS_PER_CHANGE; change++) {
        fresh.clock.advance(1000);
        runtime.audit.change(actor, ({ record }) => {
          for (let i = 0; i < ROWS_PER_CHANGE; i++) {
            const n = change * ROWS_PER_CHANGE + i;
            record({
              action: 'weighing.capture',
              entityType: 'weighing',
              entityId: `W-${n}`,
              newValue: {
                batch: `B-2026-${String(1 + (n % 40)).padStart(4, '0')}`,
                net: 12.5 + (n % 997) / 1000,
                unit: 'kg',
              },
            });
          }
        });
      }
      sqlite.exec('CREATE TABLE bench_filler (id INTEGER PRIMARY KEY, payload TEXT NOT NULL) STRICT');
      const random = seededRandom(7);
      const insert = sqlite.prepare('INSERT INTO bench_filler (payload) VALUES (?)');
      const databaseFile = join(fresh.dataDir, 'ebr.db');
      const databaseBytes = () => statSync(databaseFile).size;
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
      const fillerRows = Math.max(0, Math.ceil((TARGET_BYTES - databaseBytes()) / (FILLER_ROW_BYTES + 100)));
      sqlite.transaction(() => {
        for (let i = 0; i < fillerRows; i++) {
          const seed = Math.floor(random() * 1e9).toString(36);
          insert.run(seed.repeat(Math.ceil(FILLER_ROW_BYTES / seed.length)).slice(0, FILLER_ROW_BYTES));
        }
      })();
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
      const buildMs = nsToMs(now() - buildStart);
      const storeBytes = databaseBytes();
      const per100MB = (ms: number) => ms * (100e6 / storeBytes);

      const backupMs: number[] = [];
      const snapshotMs: number[] = [];
      const verifyMs: number[] = [];
      const restoreMs: number[] = [];
      const blockMs: number[] = [];
      let backupBytes = 0;
      for (let run = 0; run < RUNS; run++) {
        // The longest gap between ticks of a 1 ms ticker: how long the event loop was blocked.
        let lastTick = now();
        let longestGapNs = 0n;
        const ticker = setInterval(() => {
          const tick = now();
          if (tick - lastTick > longestGapNs) longestGapNs = tick - lastTick;
          lastTick = tick;
        }, 1);
        await new Promise((resolve) => setTimeout(resolve, 10));
        const [ms, result] = await timeMs(() =>
          createBackup({
            source: runtime,
            outFile: join(out, `run-${run}.ebrbak`),
            actor,
            trigger: 'manual',
            clock: fresh.clock,
          }),
        );
        await new Promise((resolve) => setTimeout(resolve, 10));
        clearInterval(ticker);
        backupMs.push(ms);
        blockMs.push(nsToMs(longestGapNs));
        backupBytes = result.manifest.backup.size;

        const snapshot = join(out, `snapshot-${run}.db`);
        const start = now();
        sqlite.prepare('VACUUM INTO ?').run(snapshot);
        snapshotMs.push(nsToMs(now() - start));
        rmSync(snapshot);

        verifyMs.push(
          (
            await timeMs(() =>
              verifyBackup({ backupFile: result.file, recoveryKey: key, clock: fresh.clock, workDir: out }),
            )
          )[0],
        );
        const targetDir = join(out, `restored-${run}`);
        restoreMs.push(
          (
            await timeMs(() =>
              restoreBackup({
                backupFile: result.file,
                targetDir,
                recoveryKey: key,
                actor,
                clock: fresh.clock,
              }),
            )
          )[0],
        );
        rmSync(targetDir, { recursive: true, force: true });
        rmSync(result.file);
        rmSync(result.manifestFile);
      }

      const mb = storeBytes / 1e6;
      return {
        name: 'backup',
        description: `createBackup / verifyBackup / restoreBackup of a ${mb.toFixed(0)} MB encrypted store (${AUDIT_ROWS.toLocaleString('en-US')} audit rows + ${fillerRows.toLocaleString('en-US')} filler rows of 4 kB), median of ${RUNS}, scaled to 100 MB`,
        rows: [
          { measure: 'store size', value: mb, unit: 'MB' },
          { measure: 'backup file size', value: backupBytes / 1e6, unit: 'MB' },
          { measure: 'backup time per 100 MB', value: per100MB(median(backupMs)), unit: 'ms' },
          { measure: 'backup throughput', value: mb / (median(backupMs) / 1000), unit: 'MB/s' },
          {
            measure: 'breakdown: VACUUM INTO snapshot per 100 MB',
            value: per100MB(median(snapshotMs)),
            unit: 'ms',
          },
          { measure: 'longest event-loop block during a backup', value: median(blockMs), unit: 'ms' },
          {
            measure: 'verify (all restore checks) per 100 MB',
            value: per100MB(median(verifyMs)),
            unit: 'ms',
          },
          {
            measure: 'restore (verify + audit row + rename) per 100 MB',
            value: per100MB(median(restoreMs)),
            unit: 'ms',
          },
        ],
        ratios: [],
        raw: {
          storeBytes,
          backupBytes,
          fillerRows,
          auditRows: AUDIT_ROWS,
          buildMs,
          backupMs,
          snapshotMs,
          blockMs,
          verifyMs,
          restoreMs,
        },
      };
    } finally {
      await fresh.cleanup();
      rmSync(out, { recursive: true, force: true });
    }
  },
};
