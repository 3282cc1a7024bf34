/**
 * (a) Durable commit of one audited change vs a bare INSERT + commit, same encrypted database, same
 * connection, same settings (SQLCipher 4, WAL, synchronous=FULL).
 *
 * audited: audit.change(actor, ({record}) => { INSERT one bench row; record one audit row }) — one
 *          IMMEDIATE transaction holding the row, its hash-chained audit row and an Ed25519-signed
 *          checkpoint; after commit the checkpoint is mirrored to audit-head.json and to the
 *          anchor outside the folder (each: write, fsync, rename, fsync of the folder).
 * bare:    the same INSERT into an identical table, in its own IMMEDIATE transaction.
 *
 * The two are interleaved (alternating which goes first) so that disk and WAL-checkpoint behaviour
 * hits both alike. The breakdown rows time the parts of the audited path on their own.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { auditRowHash, checkpointMessage, GENESIS_HASH } from '../../electron/core/audit/chain';
import { ANCHOR_FORMAT, profileAnchorStore, type HeadAnchor } from '../../electron/core/audit/head-anchor';
import { AuditTrail } from '../../electron/core/audit/audit-trail';
import { writeHeadMirror } from '../../electron/core/audit/head-mirror';
import { verifyAuditTrail } from '../../electron/core/audit/verifier';
import { toUtcIso } from '../../electron/core/clock';
import { freshApp } from '../helpers/fresh-app';
import { bareDurableCommit, benchItem, createBenchTable } from './bench-store';
import {
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
const WAL_SAMPLES = 10;

export const durableCommit: Benchmark = {
  name: 'durable-commit',
  async run(): Promise<BenchResult> {
    const fresh = await freshApp({ terminalName: 'WS-BENCH-01' });
    try {
      const runtime = fresh.app.runtime;
      if (!runtime) throw new Error('fresh app has no runtime');
      const { sqlite } = runtime.store;
      const { audit } = runtime;
      const actor = { userId: fresh.adminUserId, userName: 'Ada Administrator' };
      const settings = {
        journal_mode: sqlite.pragma('journal_mode', { simple: true }),
        synchronous: sqlite.pragma('synchronous', { simple: true }), // 2 = FULL
        cipher: sqlite.pragma('cipher', { simple: true }),
        page_size: sqlite.pragma('page_size', { simple: true }),
        wal_autocheckpoint: sqlite.pragma('wal_autocheckpoint', { simple: true }),
      };
      if (settings.journal_mode !== 'wal' || settings.synchronous !== 2) {
        throw new Error(`unexpected store settings ${JSON.stringify(settings)}`);
      }

      const insertAudited = createBenchTable(sqlite, 'bench_items');
      const bareCommit = bareDurableCommit(sqlite, createBenchTable(sqlite, 'bench_items_bare'));

      let counter = 0;
      const audited = () => {
        const row = benchItem(counter++);
        fresh.clock.advance(1);
        audit.change(actor, ({ record }) => {
          const { lastInsertRowid } = insertAudited.run(row);
          record({
            action: 'bench.item.create',
            entityType: 'bench_item',
            entityId: String(lastInsertRowid),
            newValue: row,
            reason: null,
          });
        });
      };
      const bare = () => {
        bareCommit(benchItem(counter++));
      };

      const [auditedNs, bareNs] = timeInterleaved(audited, bare, WARM_UP, N);

      // The same audited change without the anchor outside the folder (as before anchors), on the
      // same chain and connection, interleaved with the anchored one: what anchoring adds.
      const unanchoredTrail = new AuditTrail({
        sqlite,
        terminalId: runtime.terminal.id,
        terminalKey: runtime.terminal.key,
        clock: fresh.clock,
        headMirrorFile: runtime.mirrorFile,
      });
      const unanchored = () => {
        const row = benchItem(counter++);
        fresh.clock.advance(1);
        unanchoredTrail.change(actor, ({ record }) => {
          const { lastInsertRowid } = insertAudited.run(row);
          record({
            action: 'bench.item.create',
            entityType: 'bench_item',
            entityId: String(lastInsertRowid),
            newValue: row,
            reason: null,
          });
        });
      };
      const [anchoredNs, unanchoredNs] = timeInterleaved(audited, unanchored, WARM_UP, N);

      // Breakdown: the parts of the audited path, each timed alone.
      const head = runtime.headMirror();
      if (!head) throw new Error('no audit head mirror after the audited commits');
      const mirrorProbe = join(runtime.dataDir, 'bench-audit-head.json');
      const mirrorNs: bigint[] = [];
      for (let i = 0; i < WARM_UP + N; i++) {
        const t = timeNs(() => writeHeadMirror(mirrorProbe, head));
        if (i >= WARM_UP) mirrorNs.push(t);
      }
      rmSync(mirrorProbe, { force: true });

      // The anchor outside the folder (docs/audit-trail.md): write, fsync, rename (no folder fsync once it exists).
      const anchorStore = profileAnchorStore(join(runtime.dataDir, '..', 'bench-anchors'));
      const anchor: HeadAnchor = {
        format: ANCHOR_FORMAT,
        folderId: randomUUID(),
        dataDir: runtime.dataDir,
        head,
      };
      const anchorNs: bigint[] = [];
      for (let i = 0; i < WARM_UP + N; i++) {
        const t = timeNs(() => void anchorStore.write(anchor));
        if (i >= WARM_UP) anchorNs.push(t);
      }

      // Floor: one small write + fsync in the same folder (no rename, no folder fsync).
      const fsyncProbe = join(runtime.dataDir, 'bench-fsync.probe');
      const fsyncNs: bigint[] = [];
      const fd = openSync(fsyncProbe, 'w', 0o600);
      try {
        for (let i = 0; i < WARM_UP + N; i++) {
          const t = timeNs(() => {
            writeSync(fd, JSON.stringify(head), 0);
            fsyncSync(fd);
          });
          if (i >= WARM_UP) fsyncNs.push(t);
        }
      } finally {
        closeSync(fd);
        rmSync(fsyncProbe, { force: true });
      }

      const message = checkpointMessage(head);
      const signNs: bigint[] = [];
      for (let i = 0; i < WARM_UP + N; i++) {
        const t = timeNs(() => runtime.terminal.key.sign(message));
        if (i >= WARM_UP) signNs.push(t);
      }
      const rowContent = {
        seq: 1,
        atUtc: toUtcIso(fresh.clock.now()),
        userId: actor.userId,
        userName: actor.userName,
        terminalId: runtime.terminal.id,
        action: 'bench.item.create',
        entityType: 'bench_item',
        entityId: '1',
        oldValue: null,
        newValue: JSON.stringify(benchItem(1)),
        reason: null,
      };
      const hashNs: bigint[] = [];
      for (let i = 0; i < WARM_UP + N; i++) {
        const t = timeNs(() => auditRowHash(GENESIS_HASH, rowContent));
        if (i >= WARM_UP) hashNs.push(t);
      }

      // WAL bytes each kind of commit appends (one frame = one encrypted 4 KiB page + 24-byte header).
      const walFile = `${sqlite.name}-wal`;
      const walGrowth = (commit: () => void) => {
        sqlite.pragma('wal_checkpoint(TRUNCATE)');
        const before = statSync(walFile).size;
        for (let i = 0; i < WAL_SAMPLES; i++) commit();
        return (statSync(walFile).size - before) / WAL_SAMPLES;
      };
      const walBytesAudited = walGrowth(audited);
      const walBytesBare = walGrowth(bare);

      // The benchmark must not have broken what it measures.
      const check = verifyAuditTrail({
        sqlite,
        trustedPublicKeys: runtime.trustedPublicKeys(),
        headMirror: runtime.headMirror(),
      });
      if (!check.intact)
        throw new Error(`audit trail broken after the benchmark: ${JSON.stringify(check.firstBreak)}`);
      const auditedCount = sqlite.prepare('SELECT count(*) FROM bench_items').pluck().get() as number;
      const expected = 3 * (WARM_UP + N) + WAL_SAMPLES;
      if (auditedCount !== expected)
        throw new Error(`expected ${expected} audited rows, found ${auditedCount}`);

      const a = summarize(auditedNs);
      const b = summarize(bareNs);
      const mirror = summarize(mirrorNs);
      const anchorWrite = summarize(anchorNs);
      const anchored = summarize(anchoredNs);
      const unanchoredSummary = summarize(unanchoredNs);
      const fsyncFloor = summarize(fsyncNs);
      const sign = summarize(signNs);
      const hash = summarize(hashNs);
      const pair = (label: string, s: Summary) => [
        { measure: `${label} p50`, value: s.p50, unit: 'ms' },
        { measure: `${label} p99`, value: s.p99, unit: 'ms' },
      ];
      return {
        name: 'durable-commit',
        description: `${N} commits of each kind, interleaved, after ${WARM_UP} warm-up each, on the app's encrypted connection (SQLCipher 4, WAL, synchronous=FULL)`,
        rows: [
          ...pair('audited change (row + audit row + signed checkpoint + head mirror + anchor)', a),
          { measure: 'audited change mean', value: a.mean, unit: 'ms' },
          ...pair('bare INSERT + commit', b),
          { measure: 'bare INSERT + commit mean', value: b.mean, unit: 'ms' },
          { measure: 'ratio audited/bare p50', value: a.p50 / b.p50, unit: 'x' },
          { measure: 'ratio audited/bare p99', value: a.p99 / b.p99, unit: 'x' },
          ...pair('audited change without the anchor (as before anchors)', unanchoredSummary),
          {
            measure: 'ratio with/without anchor p50',
            value: anchored.p50 / unanchoredSummary.p50,
            unit: 'x',
          },
          {
            measure: 'ratio with/without anchor p99',
            value: anchored.p99 / unanchoredSummary.p99,
            unit: 'x',
          },
          ...pair('breakdown: head mirror write (write+fsync+rename+dir fsync)', mirror),
          ...pair('breakdown: anchor write outside the folder (write+fsync+rename)', anchorWrite),
          {
            measure: 'breakdown: audited p50 minus mirror and anchor p50 (the transaction)',
            value: a.p50 - mirror.p50 - anchorWrite.p50,
            unit: 'ms',
          },
          { measure: 'breakdown: Ed25519 checkpoint signature p50', value: sign.p50 * 1000, unit: 'µs' },
          { measure: 'breakdown: audit row hash (JCS + SHA-256) p50', value: hash.p50 * 1000, unit: 'µs' },
          { measure: 'breakdown: WAL bytes per audited commit', value: walBytesAudited, unit: 'bytes' },
          { measure: 'breakdown: WAL bytes per bare commit', value: walBytesBare, unit: 'bytes' },
          ...pair('floor: one small write + fsync', fsyncFloor),
        ],
        ratios: [
          { label: 'durable-commit audited/bare p50', value: a.p50 / b.p50 },
          { label: 'durable-commit audited/bare p99', value: a.p99 / b.p99 },
          { label: 'durable-commit with/without anchor p50', value: anchored.p50 / unanchoredSummary.p50 },
        ],
        raw: {
          settings,
          warmUp: WARM_UP,
          n: N,
          summaryMs: {
            audited: a,
            bare: b,
            headMirror: mirror,
            anchor: anchorWrite,
            fsyncFloor,
            sign,
            rowHash: hash,
          },
          auditedMs: rawMs(auditedNs),
          bareMs: rawMs(bareNs),
          headMirrorMs: rawMs(mirrorNs),
          fsyncFloorMs: rawMs(fsyncNs),
          walBytesPerCommit: { audited: walBytesAudited, bare: walBytesBare },
          auditRowsAfter: check.rowsChecked,
          checkpointsAfter: check.checkpointsChecked,
        },
      };
    } finally {
      await fresh.cleanup();
    }
  },
};
