/**
 * ZPL to a serial label printer (issue 17 §2): real bytes over a socat pseudo-terminal pair, the
 * printer's end read as a serial port; the DataMatrix data in what arrived parses back to the lot
 * and container. A port that does not exist is refused naming the port.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SerialTransport } from '../../electron/core/devices/serial-transport';
import { containerLabelZpl } from '../../electron/core/labels/container-label';
import { sendZplSerial, ZEBRA_SERIAL } from '../../electron/core/labels/zpl-serial';
import { parseGs1 } from '../../shared/materials/gs1';
import { startPtyPair, type PtyPair } from '../simulators/pty-pair';
import { ZplPrinterSimulator } from '../simulators/zpl-printer-simulator';

const lot = {
  gtin: '09506000134352',
  lotNumber: 'L2026-101',
  expiryDate: '2028-08-31',
  materialCode: 'RM-0100',
  materialName: 'Demotabin (active substance)',
  status: 'released' as const,
  containerCount: 2,
  unit: 'kg',
};

let pair: PtyPair;
let printer: SerialTransport;
let received = '';

beforeAll(async () => {
  pair = await startPtyPair();
  printer = new SerialTransport({ path: pair.devicePath, settings: ZEBRA_SERIAL });
  await printer.open({ data: (chunk) => (received += chunk.toString('utf8')), lost: () => undefined });
});

afterAll(async () => {
  await printer?.close();
  await pair?.dispose();
});

describe('ZPL to a serial label printer', () => {
  it('writes the label to the port; the printer receives it whole and its DataMatrix parses back', async () => {
    const zpl = containerLabelZpl(lot, 2);
    await sendZplSerial(pair.hostPath, zpl);
    await expect.poll(() => received.endsWith('^XZ'), { timeout: 10_000 }).toBe(true);
    expect(received).toBe(zpl);
    const data = ZplPrinterSimulator.dataMatrixOf(received)!;
    expect(parseGs1(`]d2${data}`)).toEqual({
      ok: true,
      data: expect.objectContaining({ gtin: lot.gtin, lot: 'L2026-101', expiry: '2028-08-31', serial: '2' }),
    });
  });

  it('refuses a port that does not exist, naming it', async () => {
    const missing = `${pair.hostPath}-missing`;
    await expect(sendZplSerial(missing, '^XA^XZ')).rejects.toThrow(
      `The label printer on ${missing} cannot be reached (port ${missing} does not exist).`,
    );
  });
});
