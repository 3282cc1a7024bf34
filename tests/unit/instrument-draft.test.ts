/**
 * The instrument form's draft: parsed with the core's own schema (same messages, by field), decimal
 * commas accepted, balance-only facts left out for other kinds, and an instrument round-trips.
 */
import { describe, expect, it } from 'vitest';
import { instrumentFieldsSchema } from '../../shared/contract/instrument-inputs';
import type { InstrumentView } from '../../shared/contract/instruments';
import { backupPath, fileSizeText } from '../../renderer/src/backup/file-size';
import { draftOf, emptyDraft, fieldsOf, withKind } from '../../renderer/src/instruments/instrument-draft';
import { serialSettingsText } from '../../renderer/src/instruments/serial-settings';

const balance = {
  ...emptyDraft,
  assetId: 'eq-bal-032',
  port: '/dev/ttyUSB0',
  expectedSerialNumber: 'B123456789',
  model: 'XSR32001S',
  unit: 'kg',
  capacity: '32',
  readability: '0,001',
  minimumWeight: '0.1',
  calibrationDue: '2026-12-01T09:00',
};

describe('instrument draft', () => {
  it('gives the core schema’s messages beside the fields they concern', () => {
    const parsed = fieldsOf({ ...emptyDraft, assetId: 'eq bal 32', capacity: '32', readability: '40' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const core = instrumentFieldsSchema.safeParse({ assetId: 'eq bal 32' });
    expect(core.success).toBe(false);
    const coreAssetMessage = core.error!.issues.find((issue) => issue.path[0] === 'assetId')!.message;
    expect(parsed.errors).toMatchObject({
      assetId: coreAssetMessage,
      port: 'Choose or type the serial port.',
      expectedSerialNumber: 'Enter the serial number on the instrument’s plate.',
      model: 'Enter the model.',
      readability: 'The readability must be finer than the capacity.',
      minimumWeight: 'Required for a balance.',
      calibrationDue: 'Required for a balance.',
    });
    expect(parsed.other).toEqual([]);
  });

  it('accepts a decimal comma, upper-cases the asset id, and refuses text where a number goes', () => {
    const parsed = fieldsOf(balance);
    expect(parsed).toMatchObject({
      ok: true,
      fields: { assetId: 'EQ-BAL-032', capacity: 32, readability: 0.001, minimumWeight: 0.1, unit: 'kg' },
    });
    const bad = fieldsOf({ ...balance, capacity: '32 kg' });
    expect(bad).toMatchObject({ ok: false, errors: { capacity: 'Enter a number, e.g. 0.001.' } });
  });

  it('leaves balance facts out for a scanner and keeps the protocol within the kind', () => {
    const scanner = withKind(balance, 'barcode-scanner');
    expect(scanner.protocol).toBe('scanner');
    const parsed = fieldsOf({ ...scanner, calibrationDue: '' });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.fields).not.toHaveProperty('capacity');
    expect(parsed.fields).not.toHaveProperty('unit');
    expect(withKind({ ...balance, protocol: 'and' }, 'balance').protocol).toBe('and');
    expect(withKind(balance, 'ph-meter').protocol).toBe('ph-mt');
  });

  it('round-trips a registered instrument', () => {
    const view = {
      id: '00000000-0000-4000-8000-000000000001',
      assetId: 'EQ-BAL-032',
      kind: 'balance',
      protocol: 'sartorius-sbi',
      port: 'COM3',
      serial: { baudRate: 1200, dataBits: 7, parity: 'odd', stopBits: 1, flowControl: 'rts-cts' },
      expectedSerialNumber: '0012345',
      model: 'Cubis II',
      unit: 'g',
      capacity: 220,
      readability: 0.0001,
      minimumWeight: 0.02,
      calibrationDueUtc: '2026-12-01T08:00:00.000Z',
      terminalId: null,
      simulated: true,
    } as unknown as InstrumentView;
    const parsed = fieldsOf(draftOf(view));
    expect(parsed).toEqual({
      ok: true,
      fields: {
        assetId: 'EQ-BAL-032',
        kind: 'balance',
        protocol: 'sartorius-sbi',
        port: 'COM3',
        serial: view.serial,
        expectedSerialNumber: '0012345',
        model: 'Cubis II',
        unit: 'g',
        capacity: 220,
        readability: 0.0001,
        minimumWeight: 0.02,
        calibrationDueUtc: '2026-12-01T08:00:00.000Z',
        simulated: true,
      },
    });
    expect(serialSettingsText(view.serial)).toBe('1200 7O1 RTS/CTS');
  });
});

describe('backup helpers', () => {
  it('prints sizes as file managers do and joins paths the way the folder is written', () => {
    expect(fileSizeText(512)).toBe('512 bytes');
    expect(fileSizeText(320_274)).toBe('312.8 KB');
    expect(fileSizeText(5 * 1024 * 1024 * 1024)).toBe('5.00 GB');
    expect(backupPath('/srv/ebr-backups', 'a.ebrbak')).toBe('/srv/ebr-backups/a.ebrbak');
    expect(backupPath('D:\\Backups\\', 'a.ebrbak')).toBe('D:\\Backups\\a.ebrbak');
    expect(backupPath('\\\\server\\share', 'a.ebrbak')).toBe('\\\\server\\share\\a.ebrbak');
  });
});
