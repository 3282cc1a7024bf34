import { describe, expect, it } from 'vitest';
import { decodeScanLine, parseSymbology } from '../../../electron/core/devices/protocols/scanner';

const GS = '\x1d';
const decode = (line: string, options = {}) =>
  decodeScanLine(Buffer.from(line, 'latin1'), { terminator: 'cr', ...options });

describe('serial barcode scanner decoder', () => {
  it.each([
    ['LOT-2026-0042', { data: 'LOT-2026-0042', symbology: undefined }],
    [
      ']C1010950123456789017102611231',
      {
        data: '010950123456789017102611231',
        symbology: { identifier: ']C1', code: 'C', modifier: '1', name: 'GS1-128', gs1: true },
      },
    ],
    [
      `]d2010950123456789017261231${GS}10LOT42`,
      {
        data: `010950123456789017261231${GS}10LOT42`,
        symbology: { identifier: ']d2', name: 'GS1 DataMatrix', gs1: true },
      },
    ],
    [
      ']E04006381333931',
      { data: '4006381333931', symbology: { identifier: ']E0', name: 'EAN/UPC', gs1: true } },
    ],
    [']Q3010950123456789017', { data: '010950123456789017', symbology: { name: 'GS1 QR Code', gs1: true } }],
    [
      ']Q1https://example.org/x',
      { data: 'https://example.org/x', symbology: { name: 'QR Code', gs1: false } },
    ],
    [
      ']C0CONTAINER-17',
      { data: 'CONTAINER-17', symbology: { identifier: ']C0', name: 'Code 128', gs1: false } },
    ],
    [']A0EQ-BAL-150', { data: 'EQ-BAL-150', symbology: { name: 'Code 39', gs1: false } }],
    [']e0010950123456789017', { data: '010950123456789017', symbology: { name: 'GS1 DataBar', gs1: true } }],
    [`[)>\x1e06${GS}1PABC\x1e\x04`, { data: `[)>\x1e06${GS}1PABC\x1e\x04` }],
  ])('%j', (line, reply) => {
    expect(decode(line)).toMatchObject({ ok: true, reply: { kind: 'scan', ...reply } });
  });

  it('strips the configured prefix and suffix, then reads the symbology identifier', () => {
    expect(decode('STX]C1LOT42ETX', { prefix: 'STX', suffix: 'ETX' })).toMatchObject({
      ok: true,
      reply: { data: 'LOT42', symbology: { identifier: ']C1' } },
    });
  });

  it('keeps GS1 group separators (FNC1 as 0x1D) in the data', () => {
    const result = decode(`]C1010950123456789017${GS}10ABC${GS}17261231`);
    expect(result.ok && result.reply.kind === 'scan' && result.reply.data.split(GS)).toEqual([
      '010950123456789017',
      '10ABC',
      '17261231',
    ]);
  });

  it.each([
    ['LOT42', { prefix: 'STX' }, 'scan without the prefix "STX"'],
    ['STXLOT42', { prefix: 'STX', suffix: 'ETX' }, 'scan without the suffix "ETX"'],
    [']C1', {}, 'empty scan'],
    ['LOT\x0742', {}, 'byte 0x07 at position 4 is not printable ASCII'],
    ['LOT\xff42', {}, 'not printable ASCII'],
  ])('refuses %j with %j: %s', (line, options, error) => {
    const result = decode(line, options);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(error);
  });

  it('does not take a bracket that is no AIM identifier for one', () => {
    expect(parseSymbology(']#1ABC')).toBeUndefined();
    expect(parseSymbology('ABC')).toBeUndefined();
  });
});
