import { describe, expect, it } from 'vitest';
import { decodeMtSicsLine } from '../../../electron/core/devices/protocols/mt-sics';

const decode = (line: string) => decodeMtSicsLine(Buffer.from(line, 'latin1'));

describe('MT-SICS decoder', () => {
  it.each([
    // S, SI, SIR: weight with status S (stable) or D (dynamic)
    [
      'S S     100.00 g',
      { kind: 'value', id: 'S', quantity: 'mass', stable: true, value: 100, valueText: '100.00', unit: 'g' },
    ],
    [
      'S D     100.01 g',
      { kind: 'value', id: 'S', stable: false, value: 100.01, valueText: '100.01', unit: 'g' },
    ],
    ['S S      -0.02 g', { kind: 'value', stable: true, value: -0.02, valueText: '-0.02', unit: 'g' }],
    ['S S    0.123456 kg', { kind: 'value', value: 0.123456, valueText: '0.123456', unit: 'kg' }],
    ['S S    12.3456 mg', { kind: 'value', value: 12.3456, unit: 'mg' }],
    ['S S         25 PCS', { kind: 'value', quantity: 'count', value: 25, unit: 'PCS' }],
    ['S S     100.00 g   ', { kind: 'value', value: 100, unit: 'g' }],
    ['S +', { kind: 'overload', id: 'S' }],
    ['S -', { kind: 'underload', id: 'S' }],
    ['S I', { kind: 'not-executable', id: 'S' }],
    // T: tare stored; TA: tare value
    ['T S      10.00 g', { kind: 'tare', id: 'T', value: 10, valueText: '10.00', unit: 'g' }],
    ['T I', { kind: 'not-executable', id: 'T' }],
    ['T +', { kind: 'overload', id: 'T' }],
    ['T -', { kind: 'underload', id: 'T' }],
    ['TA A      10.00 g', { kind: 'tare', id: 'TA', value: 10, unit: 'g' }],
    ['TA I', { kind: 'not-executable', id: 'TA' }],
    ['TA L', { kind: 'parameter-error', id: 'TA' }],
    // Z: zero
    ['Z A', { kind: 'done', id: 'Z' }],
    ['Z I', { kind: 'not-executable', id: 'Z' }],
    ['Z +', { kind: 'overload', id: 'Z' }],
    ['Z -', { kind: 'underload', id: 'Z' }],
    // I2 model (may contain spaces), I4 serial number (also the answer to @)
    [
      'I2 A "XPE205 Excellence Plus 220.0000 g"',
      {
        kind: 'identity',
        id: 'I2',
        field: 'model',
        text: 'XPE205 Excellence Plus 220.0000 g',
        capacity: { value: 220, unit: 'g' },
      },
    ],
    ['I2 A "PG5002-S/M 5100.0 g"', { kind: 'identity', field: 'model', text: 'PG5002-S/M 5100.0 g' }],
    ['I2 A "WXS205SDU" "220.0000 g"', { kind: 'identity', field: 'model', text: 'WXS205SDU 220.0000 g' }],
    ['I4 A "B021002593"', { kind: 'identity', id: 'I4', field: 'serialNumber', text: 'B021002593' }],
    ['I4 A "0123456789"', { kind: 'identity', field: 'serialNumber', text: '0123456789' }],
    ['I4 I', { kind: 'not-executable', id: 'I4' }],
    // general errors
    ['ES', { kind: 'instrument-error', code: 'ES' }],
    ['ET', { kind: 'instrument-error', code: 'ET' }],
    ['EL', { kind: 'instrument-error', code: 'EL' }],
  ])('%j', (line, reply) => {
    const result = decode(line);
    expect(result).toMatchObject({ ok: true, reply });
  });

  it('says what each general error means', () => {
    expect(decode('ET')).toMatchObject({
      ok: true,
      reply: { message: expect.stringContaining('transmission error') },
    });
  });

  it.each([
    ['', 'not an MT-SICS reply'],
    ['S', 'not an MT-SICS reply'],
    ['S S', 'unreadable weight'],
    ['S S     100.00', 'unreadable weight'],
    ['S S     1OO.00 g', 'unreadable weight'],
    ['S S     100.00 furlong', 'unknown unit "furlong"'],
    ['S A     100.00 g', 'status "A" does not fit reply "S"'],
    ['S X', 'not an MT-SICS reply'],
    ['Q S     100.00 g', 'unknown MT-SICS reply "Q"'],
    ['S S     100.00 gS S     100.00 g', 'unreadable weight'],
    ['I4 A 0123456789', 'unreadable I4 text'],
    ['I4 A ""', 'unreadable I4 text'],
    ['S S\r    100.00 g', 'byte 0x0D at position 4 is not printable ASCII'],
    ['\xff\xfeS S     100.00 g', 'byte 0xFF at position 1 is not printable ASCII'],
    ['Z A trailing', 'status "A" does not fit reply "Z"'],
  ])('refuses %j: %s', (line, error) => {
    const result = decode(line);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(error);
  });
});
