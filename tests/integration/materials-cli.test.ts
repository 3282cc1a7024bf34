/**
 * `ebr lot list | lot import`, `ebr genealogy`, `ebr equipment list` over a real encrypted data
 * folder holding the sample materials, lots and equipment (registered through the channels by
 * `registerSampleWorld`, as `ebr demo` does) and a batch that dispensed from two lots.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { writeRecoveryKeyFile } from '../../electron/cli/recovery-key-file';
import { registerSampleWorld } from '../../electron/core/materials/sample-data';
import type { GenealogyBatchView, LotSummary } from '../../shared/contract/materials';
import { createBatch } from '../helpers/batch-setup';
import { DEMO, doStep, GS, GTIN_DEMOTABIN, materialFloor } from '../helpers/material-floor';
import { USER_PASSWORD, value } from '../helpers/identity';

const BATCH = 'B2026-0700';
let root: string;
let folderArgs: string[];

async function cli(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (text) => out.push(text), err: (text) => err.push(text), env });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

beforeAll(async () => {
  const floor = await materialFloor();
  const { fresh } = floor;
  root = join(fresh.dataDir, '..');
  await registerSampleWorld(
    {
      materialHandler: floor.mia.connection,
      qa: { connection: floor.quinn.connection, password: floor.quinn.password },
      technician: { connection: floor.tina.connection, password: floor.tina.password },
      cleaner: { connection: floor.olga.connection, password: floor.olga.password },
      verifier: { username: floor.sven.username, password: floor.sven.password },
    },
    readFileSync(join(import.meta.dirname, '..', '..', 'resources', 'lots', 'sample-lots.csv'), 'utf8'),
    fresh.clock.now(),
  );
  const batch = await createBatch(floor.sven.connection, floor.recipes[DEMO]!, BATCH);
  value(await floor.olga.connection.invoke('batches.start', { batchId: batch.id }));
  await doStep(floor, batch.id, 'start', { type: 'instruction', acknowledged: true });
  await doStep(floor, batch.id, 'line_clearance', { type: 'check', checked: [true, true, true] });
  await doStep(floor, batch.id, 'scan_blender', { type: 'scan', code: 'EQ-BLD-010' });
  const label = `]d201${GTIN_DEMOTABIN}17280831` + `10L2026-101${GS}212`;
  await doStep(floor, batch.id, 'w_api', { type: 'weighing', origin: 'manual', net: '2.010', source: label });
  await doStep(floor, batch.id, 'w_lactose', {
    type: 'weighing',
    origin: 'manual',
    net: '8.000',
    portions: [
      { source: 'L2026-201', net: '6.500' },
      { source: 'L2026-202', net: '1.500' },
    ],
  });
  await fresh.app.close();
  const keyFile = join(root, 'recovery.key');
  writeRecoveryKeyFile(keyFile, fresh.recoveryKey, 'WS-GRAN-02', '2026-11-02T08:00:00.000Z');
  folderArgs = ['--data-dir', fresh.dataDir, '--recovery-key-file', keyFile];
}, 300_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('ebr lot', () => {
  it('lists lots with the status the clock makes of them', async () => {
    const { code, stdout, stderr } = await cli(['lot', 'list', ...folderArgs]);
    expect([code, stderr]).toEqual([0, '']);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(
      /^LOT\s+MATERIAL\s+STATUS\s+REMAINING\s+EXPIRY\s+RETEST\s+POTENCY\s+SUPPLIER LOT$/,
    );
    const row = (lot: string) => lines.find((line) => line.startsWith(lot))!.split(/\s{2,}/);
    expect(row('L2026-101')).toEqual([
      'L2026-101',
      'RM-0100',
      'RELEASED',
      '2.99 / 5 kg',
      '2028-08-31',
      '2027-09-01',
      '99.5 %',
      'Pharmachem GmbH: PC-24-7781',
    ]);
    expect(row('L2026-118')[2]).toBe('QUARANTINE');
    expect(row('L2026-119')[2]).toBe('REJECTED');
    const released = await cli(['lot', 'list', '--status', 'released', '--json', ...folderArgs]);
    const lots = JSON.parse(released.stdout) as LotSummary[];
    expect(lots.map((lot) => lot.lotNumber).sort()).toEqual([
      'L2026-101',
      'L2026-201',
      'L2026-202',
      'L2026-301',
      'L2026-311',
      'L2026-321',
      'L2026-331',
      'L2026-341',
    ]);
    const bad = await cli(['lot', 'list', '--status', 'lost', ...folderArgs]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /--status is one of quarantine, released, rejected, expired, retest-due; "lost" is not/,
    );
  });

  it('imports an ERP file as the material handler, or lists every problem and imports nothing', async () => {
    const bad = join(root, 'bad-lots.csv');
    writeFileSync(
      bad,
      'lot_number,material_code,supplier,supplier_lot,received_date,received_quantity,container_count,expiry_date\n' +
        'L2026-401,RM-0200,Lactalis,LI-9,2026-10-01,40,4,2029-09-30\n' +
        'L2026-402,RM-0200,Lactalis,LI-10,2026-10-01,forty,4,2029-09-30\n' +
        'L2026-101,RM-0200,Lactalis,LI-11,2026-10-01,40,4,2029-09-30\n',
    );
    const refused = await cli(['lot', 'import', bad, '--as', 'mia', ...folderArgs], {
      EBR_PASSWORD: USER_PASSWORD,
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr.split('\n')).toEqual([
      `ebr lot import: ${bad}: 2 problems; nothing was imported.`,
      `${bad}:3: received_quantity: "forty" is not a number (use a dot for decimals).`,
      `${bad}:4: lot_number: Lot number L2026-101 is already used; lot numbers are never reused.`,
    ]);
    const byOperator = await cli(['lot', 'import', bad, '--as', 'olga', ...folderArgs], {
      EBR_PASSWORD: USER_PASSWORD,
    });
    expect(byOperator.code).toBe(2);
    expect(byOperator.stderr).toMatch(/FORBIDDEN/);
    const good = join(root, 'good-lots.csv');
    writeFileSync(good, readFileSync(bad, 'utf8').split('\n').slice(0, 2).join('\n'));
    const imported = await cli(['lot', 'import', good, '--as', 'mia', ...folderArgs], {
      EBR_PASSWORD: USER_PASSWORD,
    });
    expect([imported.code, imported.stderr]).toEqual([0, '']);
    expect(imported.stdout).toMatch(
      /^Imported 1 lot from good-lots\.csv, all in QUARANTINE until QA releases them:/,
    );
    expect(imported.stdout).toMatch(/L2026-401\s+RM-0200\s+QUARANTINE\s+40 \/ 40 kg/);
  });
});

describe('ebr genealogy', () => {
  it('forward: the batches that used a lot, with amounts', async () => {
    const { code, stdout } = await cli(['genealogy', '--lot', 'l2026-202', ...folderArgs]);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('Lot L2026-202 (RM-0200 Lactose monohydrate), RELEASED, 38.5 of 40 kg left');
    expect(lines[1]).toBe('Used by 1 batch:');
    expect(lines[3]!.split(/\s{2,}/)).toEqual([
      BATCH,
      'DEMO-TAB-100 Demotabin 100 mg tablets (training product)',
      'in-progress',
      '1.5 kg',
      '1',
    ]);
  });

  it('backward: the lots a batch consumed and the equipment it used', async () => {
    const { code, stdout } = await cli(['genealogy', '--batch', BATCH, '--json', ...folderArgs]);
    expect(code).toBe(0);
    const view = JSON.parse(stdout) as GenealogyBatchView;
    expect(view.lots.map((lot) => [lot.lotNumber, lot.quantity, lot.containers])).toEqual([
      ['L2026-101', 2.01, [2]],
      ['L2026-201', 6.5, []],
      ['L2026-202', 1.5, []],
    ]);
    expect(view.equipment.map((item) => item.code)).toEqual(['EQ-BLD-010']);
    expect(view.outputLot).toBeNull();
    const text = await cli(['genealogy', '--batch', BATCH, ...folderArgs]);
    expect(text.stdout).toMatch(
      /L2026-101\s+RM-0100 Demotabin \(active substance\)\s+2\.01 kg\s+2\s+released\s+99\.5 %/,
    );
    expect(text.stdout).toMatch(/EQ-BLD-010 {2}Bin blender, 30 L {2}first used /);
    const neither = await cli(['genealogy', ...folderArgs]);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toMatch(/Give either --lot LOT \(forward\) or --batch NUMBER \(backward\)/);
    const unknown = await cli(['genealogy', '--batch', 'B2099-0001', ...folderArgs]);
    expect([unknown.code, unknown.stderr]).toEqual([
      2,
      'ebr genealogy: NOT_FOUND: There is no batch B2099-0001.',
    ]);
  });
});

describe('ebr equipment list', () => {
  it('shows every item with its status; abnormal ones are marked', async () => {
    const { code, stdout } = await cli(['equipment', 'list', ...folderArgs]);
    expect(code).toBe(0);
    const row = (id: string) =>
      stdout
        .split('\n')
        .find((line) => line.startsWith(id))!
        .split(/\s{2,}/);
    expect(row('EQ-BLD-010')).toEqual([
      'EQ-BLD-010',
      'equipment',
      'Blending 1',
      `In use by batch ${BATCH}`,
      'Bin blender, 30 L',
    ]);
    // The command reads the real clock, weeks after the test clock's setup: the holds have run out.
    expect(row('EQ-GRN-001')[3]).toBe('! Dirty hold time exceeded: clean now');
    expect(row('EQ-MIL-001')[3]).toBe('! Under maintenance');
    expect(row('EQ-FBD-001')[3]).toBe('! Clean hold expired 2026-11-05 07:30 UTC: clean again');
  });
});

describe('ebr equipment logbook', () => {
  it('writes the logbook PDF with each use, its batch and product, and each cleaning', async () => {
    const out = join(root, 'logbook-EQ-BLD-010.pdf');
    const { code, stdout } = await cli(['equipment', 'logbook', 'eq-bld-010', '--out', out, ...folderArgs]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Wrote .*logbook-EQ-BLD-010\.pdf \(\d+ bytes, SHA-256 [0-9a-f]{64}\)\.$/);
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
    expect(text).toMatch(/EQUIPMENT LOGBOOK · EQ-BLD-010/);
    expect(text).toMatch(/Status when printed: In use by batch B2026-0700/);
    expect(text).toMatch(/in-use\s+B2026-0700/);
    expect(text).toMatch(/DEMO-TAB-100/);
    expect(text).toMatch(/cleaned .*SOP-CLN-014 v3/);
    expect(text).toMatch(/Olga Ölander/);
    expect(text).toMatch(/verified by Sven/);
    const again = await cli(['equipment', 'logbook', 'EQ-BLD-010', '--out', out, ...folderArgs]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists; choose another --out/);
    const unknown = await cli([
      'equipment',
      'logbook',
      'EQ-NOPE',
      '--out',
      join(root, 'x.pdf'),
      ...folderArgs,
    ]);
    expect(unknown.stderr).toBe(
      'ebr equipment logbook: NOT_FOUND: There is no equipment item or room EQ-NOPE.',
    );
  });
});

describe('ebr label', () => {
  it('writes container labels as GS1 DataMatrix or GS1-128, one page per container, and refuses what is wrong', async () => {
    const pdfImages = (file: string) =>
      execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
        .split('\n')
        .slice(2)
        .filter((line) => line.trim().split(/\s+/)[2] === 'image')
        .map((line) => line.trim().split(/\s+/));
    const matrix = join(root, 'labels-L2026-101.pdf');
    const written = await cli(['label', 'l2026-101', '--out', matrix, ...folderArgs]);
    expect([written.code, written.stderr]).toEqual([0, '']);
    expect(written.stdout).toMatch(
      /^Wrote .*labels-L2026-101\.pdf: 2 GS1 DataMatrix labels of lot L2026-101 \(containers 1, 2; \d+ bytes, SHA-256 [0-9a-f]{64}\)\.$/,
    );
    const text = execFileSync('pdftotext', ['-layout', matrix, '-'], { encoding: 'utf8' });
    expect(text.split('\f').filter((page) => page.trim() !== '')).toHaveLength(2);
    expect(text).toContain('(01)09506000134352(10)L2026-101(17)280831(21)2');
    // A square symbol on each page.
    expect(pdfImages(matrix).map((row) => [row[0], row[3] === row[4]])).toEqual([
      ['1', true],
      ['2', true],
    ]);

    const linear = join(root, 'labels-L2026-101-128.pdf');
    const one = await cli([
      'label',
      'L2026-101',
      '--out',
      linear,
      '--containers',
      '2',
      '--symbol',
      'gs1-128',
      '--json',
      ...folderArgs,
    ]);
    expect(one.code, one.stderr).toBe(0);
    expect(JSON.parse(one.stdout)).toMatchObject({
      lotNumber: 'L2026-101',
      containers: [2],
      symbol: 'gs1-128',
    });
    const images = pdfImages(linear);
    expect(images).toHaveLength(1);
    // A linear symbol: much wider than high.
    expect(Number(images[0]![3])).toBeGreaterThan(3 * Number(images[0]![4]));
    expect(execFileSync('pdftotext', [linear, '-'], { encoding: 'utf8' })).toContain(
      '(01)09506000134352(10)L2026-101(17)280831(21)2',
    );

    const wrongContainer = await cli([
      'label',
      'L2026-101',
      '--out',
      join(root, 'x.pdf'),
      '--containers',
      '1,3',
      ...folderArgs,
    ]);
    expect([wrongContainer.code, wrongContainer.stderr]).toEqual([
      2,
      'ebr label: VALIDATION_FAILED: --containers: "3" is not a container of this lot (1 to 2).',
    ]);
    const wrongSymbol = await cli([
      'label',
      'L2026-101',
      '--out',
      join(root, 'x.pdf'),
      '--symbol',
      'qr',
      ...folderArgs,
    ]);
    expect(wrongSymbol.stderr).toBe(
      'ebr label: VALIDATION_FAILED: --symbol is one of datamatrix, gs1-128; "qr" is not.',
    );
    const unknown = await cli(['label', 'L2099-001', '--out', join(root, 'x.pdf'), ...folderArgs]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/NOT_FOUND/);
    const again = await cli(['label', 'L2026-101', '--out', matrix, ...folderArgs]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists; choose another --out/);
  });
});
