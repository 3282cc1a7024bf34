/**
 * `ebr demo` (issue 14 item 3): the real command builds a demonstration terminal through the
 * channels in a new folder; the audit trail and every signature verify; the batches cover the
 * interesting states; the store is marked DEMO for good (system.info, ebr info, triggers).
 * Its time is judged in Argon2 units measured here, so a busy machine does not fail it: the
 * budget is 60 s at the nominal 100 ms per password check.
 */
import argon2 from 'argon2';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { createApp } from '../../electron/core/app';
import { demoPeople } from '../../electron/core/demo/demo-cast';
import { recoveryKeyProvider } from '../../electron/core/keys/recovery-key';
import type { BatchSummary } from '../../shared/contract/batches';
import type { EquipmentView, GenealogyBatchView, LotSummary } from '../../shared/contract/materials';
import type { SystemInfo } from '../../shared/contract/system';
import { temporaryFolder } from '../helpers/fresh-app';
import { ebrEntry } from '../helpers/ebr-command';
import { PRODUCTION_PASSWORD_HASH_PARAMETERS } from '../harness/argon2-test-cost';

const run = promisify(execFile);
const ebr = ebrEntry();
/** 60 s at the nominal 100 ms per Argon2 password hash. */
const BUDGET_IN_ARGON2_HASHES = 600;

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (text) => out.push(text), err: (text) => err.push(text), env: {} });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** One Argon2 hash at the production cost, as the `ebr demo` process hashes (not the tests' low cost). */
async function argon2Ms(): Promise<number> {
  const times: number[] = [];
  for (let index = 0; index < 3; index++) {
    const started = performance.now();
    await argon2.hash(`calibration-${index}`, PRODUCTION_PASSWORD_HASH_PARAMETERS);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[1]!;
}

let root: string;
let folderArgs: string[];
let demoOutput: string;
let demoMs: number;
let hashMs: number;

beforeAll(async () => {
  root = temporaryFolder('ebr-demo-');
  folderArgs = ['--data-dir', join(root, 'data'), '--recovery-key-file', join(root, 'recovery.key')];
  const before = await argon2Ms();
  const started = performance.now();
  const { stdout } = await run(process.execPath, [ebr, 'demo', ...folderArgs], { timeout: 600_000 });
  demoMs = performance.now() - started;
  hashMs = Math.min(before, await argon2Ms());
  demoOutput = stdout;
}, 660_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('ebr demo', () => {
  it('finishes within 60 s at the nominal Argon2 cost, and prints each demo password once', () => {
    console.log(
      `ebr demo: ${(demoMs / 1000).toFixed(1)} s; Argon2 here ${hashMs.toFixed(0)} ms ` +
        `(budget ${((BUDGET_IN_ARGON2_HASHES * hashMs) / 1000).toFixed(0)} s)`,
    );
    expect(demoMs).toBeLessThan(BUDGET_IN_ARGON2_HASHES * hashMs);
    for (const person of demoPeople()) {
      const row = demoOutput.split('\n').filter((line) => line.startsWith(`${person.username} `));
      expect(row, person.username).toHaveLength(1);
      expect(row[0]).toContain(person.password);
      expect(row[0]).toContain(person.roles.join(', '));
      expect(demoOutput.split(person.password)).toHaveLength(2);
    }
    expect(demoOutput).toMatch(/DEMO data folder/);
  });

  it('leaves an audit trail and signatures that all verify', async () => {
    const verified = await cli(['verify-audit', ...folderArgs, '--json']);
    expect(verified.code, verified.stderr).toBe(0);
    const report = JSON.parse(verified.stdout) as {
      intact: boolean;
      signatures: { valid: number; invalid: unknown[] };
    };
    expect(report.intact).toBe(true);
    expect(report.signatures.invalid).toEqual([]);
    // Recipe approvals, step co-signatures, an override, a correction, QA's decisions; lot
    // releases, cleanings (performed and verified) and maintenance records.
    expect(report.signatures.valid).toBeGreaterThanOrEqual(60);
    expect(report.signatures.valid).toBeLessThanOrEqual(130);
  });

  it('holds batches in every interesting state, a training batch among them', async () => {
    const listed = await cli(['batch', 'list', ...folderArgs, '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    const batches = JSON.parse(listed.stdout) as BatchSummary[];
    expect(batches.length).toBeGreaterThanOrEqual(5);
    const statuses = new Set(batches.map((batch) => batch.status));
    expect(statuses.size).toBeGreaterThanOrEqual(4);
    for (const status of ['created', 'in-progress', 'on-hold', 'execution-complete', 'released', 'rejected'])
      expect(statuses, status).toContain(status);
    expect(batches.some((batch) => batch.training)).toBe(true);
    const waiting = batches.find((batch) => batch.status === 'execution-complete')!;
    expect(waiting.openExceptions).toBeGreaterThanOrEqual(2);
    const shown = await cli(['batch', 'show', waiting.batchNumber, ...folderArgs, '--json']);
    const view = JSON.parse(shown.stdout) as {
      exceptions: { handling: string }[];
      steps: { entries: { kind: string }[] }[];
    };
    expect(view.exceptions.map((exception) => exception.handling)).toEqual(
      expect.arrayContaining(['override', 'deviation']),
    );
    expect(view.steps.some((step) => step.entries.some((entry) => entry.kind === 'correction'))).toBe(true);
  });

  it('holds lots in each status, equipment in each status and a non-trivial genealogy (issue 17)', async () => {
    const lots = JSON.parse((await cli(['lot', 'list', '--json', ...folderArgs])).stdout) as LotSummary[];
    const status = (lot: string) => lots.find((candidate) => candidate.lotNumber === lot)?.status;
    expect([status('L2026-101'), status('L2026-118'), status('L2026-119')]).toEqual([
      'released',
      'quarantine',
      'rejected',
    ]);
    // Output lots: released and rejected with their batch, the one waiting for QA in quarantine.
    expect([status('DEMO-0001'), status('DEMO-0002'), status('DEMO-0003')]).toEqual([
      'released',
      'rejected',
      'quarantine',
    ]);
    const listed = await cli(['equipment', 'list', '--json', ...folderArgs]);
    const items = JSON.parse(listed.stdout) as EquipmentView[];
    const condition = (code: string) => items.find((item) => item.code === code)?.condition;
    expect(
      ['EQ-TAB-001', 'EQ-BLD-010', 'EQ-BLD-020', 'EQ-SIE-001', 'EQ-COA-001', 'EQ-GRN-002'].map(condition),
    ).toEqual(['clean', 'in-use', 'dirty', 'clean-hold-expired', 'maintenance', 'out-of-service']);
    expect(items.find((item) => item.code === 'EQ-GRN-001')?.inUseByBatchNumber).toBe('GRAN-0001');

    // Forward: L2026-101 went into three batches, the last taking what was left.
    const forward = await cli(['genealogy', '--lot', 'L2026-101', ...folderArgs]);
    expect(forward.code, forward.stderr).toBe(0);
    expect(forward.stdout.split('\n')[0]).toMatch(
      /^Lot L2026-101 \(RM-0100 Demotabin \(active substance\)\), RELEASED, /,
    );
    expect(forward.stdout).toMatch(/Used by 3 batches:/);
    for (const [batch, amount] of [
      ['DEMO-0001', '2\\.01 kg'],
      ['DEMO-0002', '2\\.01 kg'],
      ['DEMO-0003', '0\\.98 kg'],
    ] as const)
      expect(forward.stdout).toMatch(new RegExp(`${batch}\\s.*\\s${amount}\\s`));
    // Backward: DEMO-0003 drew Demotabin from two lots; its equipment and its output lot.
    const backward = await cli(['genealogy', '--batch', 'DEMO-0003', '--json', ...folderArgs]);
    expect(backward.code, backward.stderr).toBe(0);
    const view = JSON.parse(backward.stdout) as GenealogyBatchView;
    expect(view.lots.map((lot) => [lot.lotNumber, lot.statusAtUse])).toEqual([
      ['L2026-101', 'released'],
      ['L2026-102', 'released'],
      ['L2026-202', 'released'],
    ]);
    expect(view.equipment.map((item) => item.code)).toEqual(['EQ-BLD-010']);
    expect(view.outputLot?.lotNumber).toBe('DEMO-0003');
    const granulation = JSON.parse(
      (await cli(['genealogy', '--batch', 'GRAN-0001', '--json', ...folderArgs])).stdout,
    ) as GenealogyBatchView;
    expect(granulation.lots.map((lot) => lot.lotNumber)).toEqual(['L2026-301']);
    expect(granulation.equipment.map((item) => item.code)).toEqual([
      'EQ-GRN-001',
      'EQ-FBD-001',
      'EQ-MIL-001',
      'EQ-BLD-001',
    ]);

    // The blender's logbook: each use with its batch and product, each cleaning between them.
    const pdf = join(root, 'logbook-EQ-BLD-010.pdf');
    const logbook = await cli(['equipment', 'logbook', 'EQ-BLD-010', '--out', pdf, ...folderArgs]);
    expect(logbook.code, logbook.stderr).toBe(0);
    const text = await run('pdftotext', ['-layout', pdf, '-']).then((result) => result.stdout);
    for (const batch of ['DEMO-0001', 'DEMO-0002', 'DEMO-0003', 'DEMO-0005'])
      expect(text).toMatch(new RegExp(`in-use\\s+${batch}`));
    expect(text.match(/released-dirty/g)).toHaveLength(3);
    expect(text.match(/cleaned /g)!.length).toBeGreaterThanOrEqual(4);
    expect(text).toMatch(/DEMO-TAB-100/);
  });

  it('is marked DEMO in ebr info and system.info, and the mark cannot be removed', async () => {
    const info = await cli(['info', ...folderArgs, '--json']);
    expect(info.code, info.stderr).toBe(0);
    expect((JSON.parse(info.stdout) as { demo: boolean }).demo).toBe(true);
    expect((await cli(['info', ...folderArgs])).stdout).toMatch(/^DEMO:/m);

    const recoveryKey = readFileSync(join(root, 'recovery.key'), 'utf8')
      .split('\n')
      .find((line) => line.trim() !== '' && !line.startsWith('#'))!;
    const app = await createApp({
      dataDir: join(root, 'data'),
      keyProvider: recoveryKeyProvider(recoveryKey),
      sessionCheckIntervalMs: 0,
      backupCheckIntervalMs: 0,
      connectInstruments: false,
    });
    try {
      const system = await app.connect().invoke('system.info', {});
      expect(system.ok && (system.value as SystemInfo).store.demo).toBe(true);
      const { sqlite } = app.runtime!.store;
      expect(() => sqlite.prepare("DELETE FROM store_meta WHERE key = 'demo'").run()).toThrow(
        /cannot be removed/,
      );
      expect(() => sqlite.prepare("UPDATE store_meta SET value = 'false' WHERE key = 'demo'").run()).toThrow(
        /cannot be changed/,
      );
      const stored = sqlite.prepare("SELECT value FROM store_meta WHERE key = 'demo'").pluck().get();
      expect(stored).toBe('true');
      const audited = sqlite
        .prepare("SELECT new_value FROM audit_trail WHERE action = 'store.initialized'")
        .pluck()
        .get() as string;
      expect(JSON.parse(audited)).toMatchObject({ demo: true });
    } finally {
      await app.close();
    }
  });

  it('marks its batch record PDFs DEMO on every page', async () => {
    const pdf = join(root, 'DEMO-0001.pdf');
    const written = await cli(['report', '--batch', 'DEMO-0001', '--out', pdf, ...folderArgs]);
    expect(written.code, written.stderr).toBe(0);
    const { stdout: text } = await run('pdftotext', ['-layout', pdf, '-']);
    const pages = text.split('\f').filter((page) => page.trim() !== '');
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page).toContain('DEMO DATA — NOT A GMP RECORD');
  });

  it('refuses a folder that is not empty, and changes nothing in it', async () => {
    const used = join(root, 'used');
    mkdirSync(used);
    writeFileSync(join(used, 'notes.txt'), 'keep me');
    const refused = await cli(['demo', '--data-dir', used, '--recovery-key-file', join(root, 'other.key')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/not empty/);
    expect(refused.stderr).toContain(used);
  });
});
