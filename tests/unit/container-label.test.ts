/**
 * Container labels (issue 17 §2): the GS1 DataMatrix data a label carries parses back to the lot
 * and container; ZPL goes over TCP to a printer (a simulator on 127.0.0.1, port 0); the PDF holds
 * one page per container with the symbol (checked with poppler's pdftotext and pdfimages).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containerLabelsPdf, containerLabelZpl } from '../../electron/core/labels/container-label';
import { sendZpl } from '../../electron/core/labels/zpl-printer';
import { parseGs1 } from '../../shared/materials/gs1';
import { ZplPrinterSimulator } from '../simulators/zpl-printer-simulator';

const lot = {
  gtin: '09506000134352',
  lotNumber: 'L2026-118',
  expiryDate: '2027-11-30',
  materialCode: 'RM-0100',
  materialName: 'Demotabin (active substance)',
  status: 'quarantine' as const,
  containerCount: 3,
  unit: 'kg',
};

let printer: ZplPrinterSimulator;
let port: number;
let folder: string;

beforeAll(async () => {
  printer = new ZplPrinterSimulator();
  port = await printer.start();
  folder = mkdtempSync(join(tmpdir(), 'ebr-labels-'));
});

afterAll(async () => {
  await printer.stop();
  rmSync(folder, { recursive: true, force: true });
});

describe('container labels', () => {
  it('prints ZPL to a TCP label printer; the DataMatrix data parses back to lot, expiry and container', async () => {
    await sendZpl('127.0.0.1', port, containerLabelZpl(lot, 2));
    await expect.poll(() => printer.labels.length).toBe(1);
    const label = printer.labels[0]!;
    expect(label).toMatch(/^\^XA[\s\S]*\^XZ$/);
    expect(label).toContain('^FDLot L2026-118  Container 2/3^FS');
    const data = ZplPrinterSimulator.dataMatrixOf(label)!;
    const parsed = parseGs1(`]d2${data}`);
    expect(parsed).toEqual({
      ok: true,
      data: expect.objectContaining({ gtin: lot.gtin, lot: 'L2026-118', expiry: '2027-11-30', serial: '2' }),
    });
  });

  it('refuses with the reason when the printer cannot be reached', async () => {
    const closed = new ZplPrinterSimulator();
    const closedPort = await closed.start();
    await closed.stop();
    await expect(sendZpl('127.0.0.1', closedPort, '^XA^XZ')).rejects.toThrow(
      new RegExp(`The label printer at 127.0.0.1:${closedPort} cannot be reached`),
    );
  });

  it('writes one PDF page per container with the symbol and the facts in words', async () => {
    const file = join(folder, 'labels.pdf');
    writeFileSync(file, await containerLabelsPdf(lot, [1, 2, 3]));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text.split('\f').filter((page) => page.trim() !== '')).toHaveLength(3);
    expect(text).toContain('Lot L2026-118 · container 3 of 3');
    expect(text).toContain('(01)09506000134352(10)L2026-118(17)271130(21)1');
    const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' });
    // One DataMatrix image per page (its transparency, if any, is listed as an smask beside it).
    const symbols = images
      .trim()
      .split('\n')
      .slice(2)
      .filter((line) => line.trim().split(/\s+/)[2] === 'image');
    expect(symbols.map((line) => line.trim().split(/\s+/)[0])).toEqual(['1', '2', '3']);
  });
});
