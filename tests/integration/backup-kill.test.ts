/**
 * "A backup is recorded or it does not exist" (issue 26): `ebr backup` and `ebr export` run as
 * child processes and are SIGKILLed at each phase (the test seam pauses them there) and at seeded
 * random points. After every kill: nothing complete-looking exists that the audit trail does not
 * name; after the next start (or the next backup into that folder): no leftovers, no unsettled
 * intent, every archive and package recorded as created, the audit chain intact. While paused,
 * every file the backup has written is 0600 — the snapshot from its first (empty) byte.
 * EBR_KILL_SEED=N repeats a run's random points.
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeRecoveryKeyFile } from '../../electron/cli/recovery-key-file';
import { createApp } from '../../electron/core/app';
import { verifyAuditTrail } from '../../electron/core/audit/verifier';
import { writeArchive } from '../../electron/core/backup/backup-archive';
import { pendingBackupIntents, UNRECORDED_FOLDER } from '../../electron/core/backup/backup-folder-check';
import { MANIFEST_SUFFIX } from '../../electron/core/backup/backup-manifest';
import { systemClock } from '../../electron/core/clock';
import { verifyExportPackage } from '../../electron/core/export/verify-package';
import { recoveryKeyProvider } from '../../electron/core/keys/recovery-key';
import { pendingExportIntents } from '../../electron/core/records/export-check';
import { openDataFolder, type OpenedDataFolder } from '../../electron/core/startup';
import { createBatch, makeRecipeEffective } from '../helpers/batch-setup';
import { WET_GRANULATION } from '../helpers/executed-batch';
import { freshApp, temporaryFolder } from '../helpers/fresh-app';
import { activeUser, USER_PASSWORD, value } from '../helpers/identity';
import { runEbrChild, seededRandom, type EbrChildRun } from '../crash/ebr-child';
import { bundleRunner } from '../crash/runner-process';

const BATCH = 'B2026-0777';
const seed = Number(process.env.EBR_KILL_SEED ?? Date.now() % 1_000_000);
const random = seededRandom(seed);

let bundle: { file: string; dir: string };
let root: string;
let dataDir: string;
let recoveryKey: string;
let keyFile: string;
/** The configured backup folder (checked at start) and one only `ebr backup --out` writes to. */
let backups: string;
let elsewhere: string;
let exports: string;

interface TrailRow {
  seq: number;
  action: string;
  value: Record<string, unknown>;
}

async function withStore<T>(use: (opened: OpenedDataFolder) => T): Promise<T> {
  const opened = await openDataFolder(dataDir, recoveryKeyProvider(recoveryKey), systemClock);
  try {
    return use(opened);
  } finally {
    opened.store.close();
  }
}

/** The backup and export rows of the audit trail after `afterSeq`. */
function trail(afterSeq = 0): Promise<TrailRow[]> {
  return withStore(({ store }) =>
    (
      store.sqlite
        .prepare(
          `SELECT seq, action, new_value AS value FROM audit_trail
           WHERE entity_type IN ('backup', 'batch-export') AND seq > ? ORDER BY seq`,
        )
        .all(afterSeq) as { seq: number; action: string; value: string }[]
    ).map((row) => ({ ...row, value: JSON.parse(row.value) as Record<string, unknown> })),
  );
}

const lastSeq = () =>
  withStore(({ store }) => store.sqlite.prepare('SELECT max(seq) FROM audit_trail').pluck().get() as number);
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const visible = (folder: string) =>
  readdirSync(folder).filter((name) => !name.startsWith('.') && name !== UNRECORDED_FOLDER);
const hidden = (folder: string) => readdirSync(folder).filter((name) => name.startsWith('.'));
const archives = (folder: string) => visible(folder).filter((name) => !name.endsWith(MANIFEST_SUFFIX));
const mode = (file: string) => statSync(file).mode & 0o777;

const backupArgs = (out: string) => [
  'backup',
  '--out',
  out,
  '--data-dir',
  dataDir,
  '--recovery-key-file',
  keyFile,
];
const exportArgs = () => [
  'export',
  '--batch',
  BATCH,
  '--out',
  exports,
  '--as',
  'tina',
  '--data-dir',
  dataDir,
  '--recovery-key-file',
  keyFile,
];
const exportEnv = { EBR_PASSWORD: USER_PASSWORD };

function expectRanOrKilled(run: EbrChildRun): void {
  if (run.pauseError) throw run.pauseError;
  expect(run.killed || run.exitCode === 0, `stderr: ${run.stderr}`).toBe(true);
}

/** Right after a kill: every archive and package that exists is named by an audit row with its hash. */
async function expectNothingUnrecorded(): Promise<void> {
  const rows = await trail();
  const recorded = (action: string, key: string) =>
    rows.filter((row) => row.action.endsWith(action)).map((row) => row.value[key]);
  for (const folder of [backups, elsewhere]) {
    for (const name of archives(folder)) {
      expect(recorded('intended', 'sha256').concat(recorded('created', 'sha256'))).toContain(
        sha256(join(folder, name)),
      );
    }
  }
  for (const name of visible(exports)) {
    const manifest = sha256(join(exports, name, 'manifest.json'));
    expect(
      recorded('export-intended', 'manifestSha256').concat(recorded('exported', 'manifestSha256')),
    ).toContain(manifest);
  }
}

/** The application starts (and checks the folders) as it does on the shop floor. */
async function nextStart(): Promise<void> {
  const app = await createApp({
    dataDir,
    keyProvider: recoveryKeyProvider(recoveryKey),
    clock: systemClock,
    sessionCheckIntervalMs: 0,
    backupCheckIntervalMs: 0,
    connectInstruments: false,
  });
  expect(app.status, JSON.stringify(app.refusal)).toBe('ready');
  await app.close();
}

/** After the next start: nothing left over or unsettled, everything recorded, the chain intact. */
async function expectSettled(): Promise<void> {
  for (const folder of [backups, elsewhere, exports]) expect(hidden(folder)).toEqual([]);
  const rows = await trail();
  const created = rows.filter((row) => row.action === 'backup.created');
  for (const folder of [backups, elsewhere]) {
    for (const name of archives(folder)) {
      expect(existsSync(join(folder, name + MANIFEST_SUFFIX))).toBe(true);
      expect(
        created.some((row) => row.value.file === name && row.value.sha256 === sha256(join(folder, name))),
      ).toBe(true);
    }
  }
  const exported = rows
    .filter((row) => row.action === 'batch.exported')
    .map((row) => row.value.manifestSha256);
  for (const name of visible(exports)) {
    expect(exported).toContain(sha256(join(exports, name, 'manifest.json')));
    expect((await verifyExportPackage(join(exports, name))).valid).toBe(true);
  }
  await withStore((opened) => {
    expect(pendingBackupIntents(opened.store.sqlite)).toEqual([]);
    expect(pendingExportIntents(opened.store.sqlite)).toEqual([]);
    const report = verifyAuditTrail({
      sqlite: opened.store.sqlite,
      trustedPublicKeys: opened.trustedPublicKeys(),
      headMirror: opened.headMirror(),
    });
    expect(report.firstBreak).toBeNull();
    expect(report.intact).toBe(true);
  });
}

/** Every file in the folder (the backup's temporaries, archives, manifests) is owner-only. */
function expectOwnerOnly(folder: string, expectedHidden: RegExp[]): void {
  const temporaries = hidden(folder);
  for (const pattern of expectedHidden)
    expect(
      temporaries.some((name) => pattern.test(name)),
      `${pattern} in ${temporaries.join(', ')}`,
    ).toBe(true);
  for (const name of readdirSync(folder)) {
    if (statSync(join(folder, name)).isFile()) expect(mode(join(folder, name)), name).toBe(0o600);
  }
}

/** The least a batch export needs: an effective recipe (author, QA), a batch, a technician. */
async function exportFloor() {
  const fresh = await freshApp({ terminalName: 'WS-GRAN-02' });
  const admin = await fresh.admin();
  const [sven, quinn] = [
    await activeUser(fresh.app, admin, 'sven', ['supervisor']),
    await activeUser(fresh.app, admin, 'quinn', ['qa']),
  ];
  await activeUser(fresh.app, admin, 'tina', ['technician']);
  const recipe = await makeRecipeEffective(
    sven.connection,
    quinn.connection,
    WET_GRANULATION,
    quinn.password,
  );
  await createBatch(sven.connection, recipe, BATCH);
  return { fresh, admin };
}

beforeAll(async () => {
  const [bundled, floor] = await Promise.all([bundleRunner('tests/crash/cli-entry.ts'), exportFloor()]);
  bundle = bundled;
  root = temporaryFolder('ebr-backup-kill-');
  backups = join(root, 'backups');
  elsewhere = join(root, 'elsewhere');
  exports = join(root, 'usb');
  for (const folder of [backups, elsewhere, exports]) mkdirSync(folder);
  value(
    await floor.admin.invoke('backup.settings.update', {
      settings: { folder: backups, timeOfDay: '02:00' },
      reason: 'Nightly backups to the backup drive',
    }),
  );
  dataDir = floor.fresh.dataDir;
  recoveryKey = floor.fresh.recoveryKey;
  keyFile = join(root, 'recovery.key');
  writeRecoveryKeyFile(keyFile, recoveryKey, 'WS-GRAN-02', new Date().toISOString());
  await floor.fresh.app.close();
  console.log(`backup kill test: seed ${seed} (EBR_KILL_SEED=${seed} repeats it)`);
}, 300_000);

afterAll(() => {
  if (bundle) rmSync(bundle.dir, { recursive: true, force: true });
  if (dataDir) rmSync(join(dataDir, '..'), { recursive: true, force: true });
  if (root) rmSync(root, { recursive: true, force: true });
});

/** What each phase's kill leaves, as the audit trail settles it at the next start. */
const BACKUP_PHASES: { phase: string; settledAs: string[]; owner: RegExp[]; next: 'start' | 'backup' }[] = [
  { phase: 'backup:snapshot', settledAs: [], owner: [/\.snapshot$/], next: 'start' },
  { phase: 'backup:archive', settledAs: [], owner: [/\.snapshot$/], next: 'backup' },
  { phase: 'backup:intent', settledAs: [], owner: [/\.partial$/], next: 'start' },
  {
    phase: 'backup:manifest',
    settledAs: ['backup.intended', 'backup.abandoned'],
    owner: [/\.partial$/],
    next: 'start',
  },
  {
    phase: 'backup:rename',
    settledAs: ['backup.intended', 'backup.abandoned'],
    owner: [/\.partial$/],
    next: 'backup',
  },
  { phase: 'backup:audit', settledAs: ['backup.intended', 'backup.created'], owner: [], next: 'start' },
];

describe('backups and exports killed at every phase', () => {
  it(
    'ebr backup: at each phase and at random points, recorded or gone; 0600 throughout',
    { timeout: 400_000 },
    async () => {
      const clean = await runEbrChild(bundle.file, backupArgs(join(backups, 'clean.ebrbak')));
      expect(clean.exitCode, clean.stderr).toBe(0);
      expect(clean.phases).toEqual(BACKUP_PHASES.map((entry) => entry.phase).concat('backup:done'));
      for (const [index, { phase, settledAs, owner, next }] of BACKUP_PHASES.entries()) {
        // The runs whose next step is a backup write where only `ebr backup --out` goes.
        const folder = next === 'backup' ? elsewhere : backups;
        const before = await lastSeq();
        const run = await runEbrChild(bundle.file, backupArgs(join(folder, `kill-${index}.ebrbak`)), {
          pauseAt: phase,
          atPause: () => {
            expectOwnerOnly(folder, owner);
            if (phase === 'backup:snapshot') {
              const [snapshot] = hidden(folder).filter((name) => name.endsWith('.snapshot'));
              expect(statSync(join(folder, snapshot!)).size).toBe(0);
            }
          },
        });
        expect(run.killed, `${phase}: ${run.stderr}`).toBe(true);
        expectRanOrKilled(run);
        await expectNothingUnrecorded();
        if (next === 'start') await nextStart();
        else
          expect(
            (await runEbrChild(bundle.file, backupArgs(join(folder, `next-${index}.ebrbak`)))).exitCode,
          ).toBe(0);
        await expectSettled();
        const settled = (await trail(before)).filter((row) => row.value.file === `kill-${index}.ebrbak`);
        expect(
          settled.map((row) => row.action),
          phase,
        ).toEqual(settledAs);
        if (phase === 'backup:audit') expect(settled[1]!.value.confirmedLater).toBe(true);
        if (phase === 'backup:rename') {
          // The manifest was in place, the archive not yet: the manifest is moved aside, not deleted.
          expect(settled[1]!.value.movedAside).toEqual([
            join(folder, UNRECORDED_FOLDER, `kill-${index}.ebrbak${MANIFEST_SUFFIX}`),
          ]);
        }
      }
      // Random points: from the first phase to a little past a whole backup.
      const window = 600;
      for (let index = 0; index < 3; index++) {
        const ms = Math.round(random() * window);
        const run = await runEbrChild(bundle.file, backupArgs(join(backups, `random-${index}.ebrbak`)), {
          killAfter: { armAt: 'backup:snapshot', ms },
        });
        expectRanOrKilled(run);
        await expectNothingUnrecorded();
        await nextStart();
        await expectSettled();
      }
    },
  );

  it(
    'an archive of this store that the audit trail does not record is moved aside at start, with a note',
    { timeout: 60_000 },
    async () => {
      const [recorded] = archives(backups);
      copyFileSync(join(backups, recorded!), join(backups, 'copied-in.ebrbak'));
      copyFileSync(
        join(backups, recorded! + MANIFEST_SUFFIX),
        join(backups, `copied-in.ebrbak${MANIFEST_SUFFIX}`),
      );
      const before = await lastSeq();
      await nextStart();
      expect(archives(backups)).not.toContain('copied-in.ebrbak');
      const aside = join(backups, UNRECORDED_FOLDER);
      expect(readdirSync(aside)).toEqual(
        expect.arrayContaining(['copied-in.ebrbak', `copied-in.ebrbak${MANIFEST_SUFFIX}`]),
      );
      const rows = await trail(before);
      expect(rows.map((row) => row.action)).toEqual(['backup.moved-aside']);
      expect(rows[0]!.value.movedAside).toEqual([
        join(aside, 'copied-in.ebrbak'),
        join(aside, `copied-in.ebrbak${MANIFEST_SUFFIX}`),
      ]);
      await expectSettled();
    },
  );

  it(
    'the folder check removes temporaries of dead writers only, and leaves archives of other stores alone',
    { timeout: 60_000 },
    async () => {
      const dead = '.x.ebrbak.999999999-aaaaaaaaaaaa.snapshot';
      const legacy = '.y.ebrbak.bbbbbbbbbbbb.partial';
      // The test runner's parent is alive: its (pretended) backup is still being written.
      const live = `.z.ebrbak.${process.ppid}-cccccccccccc.partial`;
      for (const name of [dead, legacy, live]) writeFileSync(join(backups, name), 'temporary');
      const foreignStore = join(root, 'store.json');
      writeFileSync(foreignStore, JSON.stringify({ keyCheck: 'ab'.repeat(32) }));
      await writeArchive(join(backups, 'other-store.ebrbak'), [
        { name: 'ebr.db', file: foreignStore },
        { name: 'store.json', file: foreignStore },
      ]);
      const before = await lastSeq();
      await nextStart();
      expect(hidden(backups)).toEqual([live]);
      expect(archives(backups)).toContain('other-store.ebrbak');
      expect(await trail(before)).toEqual([]);
      rmSync(join(backups, live));
      rmSync(join(backups, 'other-store.ebrbak'));
    },
  );

  it('ebr export: at each phase and at random points, recorded or gone', { timeout: 400_000 }, async () => {
    const clean = await runEbrChild(bundle.file, exportArgs(), { env: exportEnv });
    expect(clean.exitCode, clean.stderr).toBe(0);
    const phases: [string, string[]][] = [
      ['export:write', []],
      ['export:read-back', []],
      ['export:intent', []],
      ['export:rename', ['batch.export-intended', 'batch.export-abandoned']],
      ['export:audit', ['batch.export-intended', 'batch.exported']],
    ];
    expect(clean.phases).toEqual(phases.map(([phase]) => phase).concat('export:done'));
    for (const [phase, settledAs] of phases) {
      const before = await lastSeq();
      const run = await runEbrChild(bundle.file, exportArgs(), { env: exportEnv, pauseAt: phase });
      expect(run.killed, `${phase}: ${run.stderr}`).toBe(true);
      await expectNothingUnrecorded();
      await nextStart();
      await expectSettled();
      const settled = (await trail(before)).filter((row) => row.action.startsWith('batch.export'));
      expect(
        settled.map((row) => row.action),
        phase,
      ).toEqual(settledAs);
      if (phase === 'export:audit') expect(settled[1]!.value.confirmedLater).toBe(true);
    }
    for (let index = 0; index < 1; index++) {
      const ms = Math.round(random() * 800);
      const run = await runEbrChild(bundle.file, exportArgs(), {
        env: exportEnv,
        killAfter: { armAt: 'export:write', ms },
      });
      expectRanOrKilled(run);
      await expectNothingUnrecorded();
      await nextStart();
      await expectSettled();
    }
  });
});
