/**
 * `ebr batch list | show` over a real encrypted data folder holding the demo batch executed to
 * Execution complete (a co-signed manual weighing, a supervisor's override, a deviation, a timer,
 * a calculation and a correction) and a training batch not yet started. The real command runs
 * once (tsx start-up costs 1–2 s); the rest calls the same `main(argv, io)` in this process.
 */
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { writeRecoveryKeyFile } from '../../electron/cli/recovery-key-file';
import type { BatchSummary, BatchView } from '../../shared/contract/batches';
import { runScript } from '../crash/script-driver';
import { batchFloor, createBatch } from '../helpers/batch-setup';
import { signIn } from '../helpers/fresh-app';
import { ebrEntry } from '../helpers/ebr-command';

const run = promisify(execFile);
const ebr = ebrEntry();
const BATCH = 'B2026-0101';
const TRAINING = 'T2026-0007';

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[]): Promise<Outcome> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (text) => out.push(text), err: (text) => err.push(text), env: {} });
  const text = (lines: string[]) => lines.map((line) => `${line}\n`).join('');
  return { code, stdout: text(out), stderr: text(err) };
}

let root: string;
let folderArgs: string[];

beforeAll(async () => {
  // Signatures record the terminal's zone: a zone other than UTC shows local time and UTC.
  process.env.TZ = 'Europe/Berlin';
  const floor = await batchFloor();
  const { fresh } = floor;
  root = join(fresh.dataDir, '..');
  const recipe = floor.recipes['demo-tablet-blend.json']!;
  await createBatch(floor.sven.connection, recipe, TRAINING, { plannedQuantity: 5, training: true });
  await runScript({
    clock: fresh.clock,
    operator: floor.olga.connection,
    signInSupervisor: async () => (await signIn(fresh.app, 'sven', floor.sven.password)).connection,
    operatorPassword: floor.olga.password,
    supervisor: { username: 'sven', password: floor.sven.password },
    recipeVersionId: recipe.id,
    batchNumber: BATCH,
  });
  await fresh.app.close();
  const keyFile = join(root, 'recovery.key');
  writeRecoveryKeyFile(keyFile, fresh.recoveryKey, 'WS-TEST-01', '2026-11-02T08:00:00.000Z');
  folderArgs = ['--data-dir', fresh.dataDir, '--recovery-key-file', keyFile];
}, 120_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('ebr batch list', () => {
  it('lists every batch with status, product, recipe, training, progress and open exceptions', async () => {
    const { stdout, stderr } = await run(process.execPath, [ebr, 'batch', 'list', ...folderArgs]);
    expect(stderr).toBe('');
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NUMBER\s+STATUS\s+PRODUCT\s+RECIPE\s+TRAINING\s+PROGRESS\s+OPEN EXCEPTIONS$/);
    expect(lines).toHaveLength(3);
    const row = (number: string) => lines.find((line) => line.startsWith(number))!.split(/\s{2,}/);
    expect(row(BATCH)).toEqual([
      BATCH,
      'Execution complete',
      'DEMO-TAB-100 Demotabin 100 mg tablets (training product)',
      'DEMO-BLEND 1.0',
      'no',
      '8/8 steps',
      // Manual entries of both weighings (the correction's too), the override and the deviation.
      expect.stringMatching(/^\d+$/),
    ]);
    expect(row(TRAINING)).toEqual([
      TRAINING,
      'Created',
      'DEMO-TAB-100 Demotabin 100 mg tablets (training product)',
      'DEMO-BLEND 1.0',
      'yes',
      '0/8 steps',
      '0',
    ]);
  }, 30_000);

  it('prints the summaries as JSON', async () => {
    const { code, stdout } = await cli(['batch', 'list', ...folderArgs, '--json']);
    expect(code).toBe(0);
    const batches = JSON.parse(stdout) as BatchSummary[];
    expect(batches.map((batch) => [batch.batchNumber, batch.status, batch.training])).toEqual([
      [BATCH, 'execution-complete', false],
      [TRAINING, 'created', true],
    ]);
    const executed = batches.find((batch) => batch.batchNumber === BATCH)!;
    expect(executed.openExceptions).toBeGreaterThanOrEqual(4);
    expect(stdout).toContain(`"openExceptions": ${executed.openExceptions}`);
  });
});

describe('ebr batch show', () => {
  it('shows the record for people: steps, values, limits, origin, every entry, signatures, exceptions, comments', async () => {
    const { code, stdout, stderr } = await cli(['batch', 'show', BATCH.toLowerCase(), ...folderArgs]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Batch B2026-0101 — Execution complete\n/);
    expect(stdout).toContain('Recipe:     DEMO-BLEND 1.0 Demo tablet blend (content SHA-256 ');
    expect(stdout).toContain('Progress:   8/8 steps; 5 open exceptions');
    // Steps in order, each with status, value, limits and origin.
    const stepTitles = [...stdout.matchAll(/^ +(\d+)\. \[(\w[\w-]*)\] (.+?) \(/gm)].map((m) => [
      m[1],
      m[2],
      m[3],
    ]);
    expect(stepTitles.map((step) => step[0])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(stepTitles.every((step) => step[1] === 'completed')).toBe(true);
    expect(stepTitles[4]![2]).toBe('Weigh lactose monohydrate');
    expect(stdout).toContain(
      'Weigh lactose monohydrate (Dispensing, weighing, w_lactose) — critical, changed since original entry',
    );
    expect(stdout).toContain('value: 8.010 kg net (origin manual); limits: 7.950 – 8.050 kg (target 8.000)');
    // The superseded original stays visible, out of limits, and the correction gives its reason.
    expect(stdout).toMatch(
      /original \(superseded\): 8\.100 kg net — origin manual, OUT OF LIMITS; entered by Olga Tester/,
    );
    expect(stdout).toMatch(
      /correction: 8\.010 kg net — origin manual, within limits; entered by Olga Tester .*\n\s+reason: Transcription error: the balance showed 8\.010/,
    );
    // Signatures: printed name, meaning, local time with the zone, UTC, terminal, validity.
    expect(stdout).toMatch(
      /signed Verified by Sven Tester \(sven\), 2026-11-02 09:\d\d:\d\d Europe\/Berlin \(2026-11-02 08:\d\d:\d\d UTC\), terminal WS-TEST-01 — valid/,
    );
    expect(stdout).toContain('signed Corrected by Olga Tester (olga)');
    expect(stdout).not.toContain('INVALID');
    // The calculation recomputed after the correction, flagged, with the formula inputs' result.
    expect(stdout).toMatch(/recomputed: 20\.01 % — origin computed, within limits/);
    expect(stdout).toContain('limits: 10 – 14 rpm (target 12)');
    expect(stdout).toContain('limits: 10 – 12 min');
    expect(stdout).toContain('limits: code EQ-BLD-010');
    // Exceptions with their signatures, comments on steps, the batch's own signature.
    expect(stdout).toContain(
      [
        '  [open] critical · Value out of limits · override · step 5 Weigh lactose monohydrate',
        '      Weigh lactose monohydrate: 8.100 kg is outside 7.950 – 8.050 kg (target 8.000).',
      ].join('\n'),
    );
    expect(stdout).toContain('signed Overridden by Sven Tester (sven)');
    expect(stdout).toMatch(
      /· deviation · step 6 Blender speed\n.*\n.*comment: Speed dial stuck; adjusted after 1 min/,
    );
    expect(stdout).toMatch(/comment by Olga Tester .*: Area and materials checked before w_api/);
    expect(stdout).toMatch(/Batch signatures\n {2}Performed by Olga Tester \(olga\), .* — valid/);
  });

  it('prints the full view as JSON', async () => {
    const { code, stdout } = await cli(['batch', 'show', BATCH, ...folderArgs, '--json']);
    expect(code).toBe(0);
    const view = JSON.parse(stdout) as BatchView;
    expect(view.batchNumber).toBe(BATCH);
    expect(view.status).toBe('execution-complete');
    const lactose = view.steps.find((step) => step.id === 'w_lactose')!;
    expect(lactose.entries.map((entry) => [entry.kind, entry.superseded])).toEqual([
      ['original', true],
      ['correction', false],
    ]);
    expect(lactose.entries[1]!.signatures.map((signature) => signature.meaning)).toEqual([
      'corrected',
      'verified',
    ]);
    expect(lactose.entries.flatMap((entry) => entry.signatures).every((s) => s.verification.valid)).toBe(
      true,
    );
    expect(view.signatures.map((signature) => signature.meaning)).toEqual(['performed']);
    expect(view.comments.length).toBe(8);
  });

  it('marks a training batch as never a GMP record', async () => {
    const { code, stdout } = await cli(['batch', 'show', TRAINING, ...folderArgs]);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe(`Batch ${TRAINING} — Created — TRAINING BATCH, NOT A GMP RECORD`);
    expect(stdout).toContain('Planned:    5 kg');
    expect(stdout).toContain('Exceptions (0)\n  none');
  });

  it('refuses an unknown batch number, and a missing one, as usage errors', async () => {
    const unknown = await cli(['batch', 'show', 'B2099-9999', ...folderArgs]);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toBe(
      'ebr batch show: NOT_FOUND: There is no batch B2099-9999 in this data folder (see ebr batch list).\n',
    );
    const missing = await cli(['batch', 'show', ...folderArgs]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^ebr batch show: expects NUMBER/);
    const noFolder = await cli(['batch', 'list']);
    expect(noFolder.code).toBe(2);
    expect(noFolder.stderr).toContain('Missing --data-dir');
  });
});
