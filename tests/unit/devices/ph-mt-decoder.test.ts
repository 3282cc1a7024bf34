import { describe, expect, it } from 'vitest';
import { decodePhMtLine } from '../../../electron/core/devices/protocols/ph-mt';

const decode = (line: string) => decodePhMtLine(Buffer.from(line, 'latin1'));

describe('ph-mt decoder (the documented pH dialect)', () => {
  it.each([
    [
      'M S    7.012 pH   24.8 C',
      {
        kind: 'value',
        id: 'M',
        quantity: 'pH',
        stable: true,
        value: 7.012,
        valueText: '7.012',
        unit: 'pH',
        temperatureC: 24.8,
      },
    ],
    ['M D    7.020 pH   24.8 C', { kind: 'value', stable: false, value: 7.02, unit: 'pH' }],
    [
      'M S   -123.4 mV   25.0 C',
      { kind: 'value', quantity: 'potential', stable: true, value: -123.4, unit: 'mV', temperatureC: 25 },
    ],
    ['M S    4.001 pH', { kind: 'value', stable: true, value: 4.001, unit: 'pH' }],
    ['M S   10.010 pH   -2.5 C', { kind: 'value', temperatureC: -2.5 }],
    ['M +', { kind: 'overload', id: 'M' }],
    ['M -', { kind: 'underload', id: 'M' }],
    ['M I', { kind: 'not-executable', id: 'M' }],
    ['I2 A "SevenExcellence S400"', { kind: 'identity', field: 'model', text: 'SevenExcellence S400' }],
    ['I4 A "B512345678"', { kind: 'identity', field: 'serialNumber', text: 'B512345678' }],
    ['ES', { kind: 'instrument-error', code: 'ES' }],
    ['ET', { kind: 'instrument-error', code: 'ET' }],
    ['EL', { kind: 'instrument-error', code: 'EL' }],
  ])('%j', (line, reply) => {
    expect(decode(line)).toMatchObject({ ok: true, reply });
  });

  it('has no temperature when the meter sends none', () => {
    const result = decode('M S    4.001 pH');
    expect(result.ok && result.reply).not.toHaveProperty('temperatureC');
  });

  it.each([
    ['M S    7.012 g   24.8 C', 'unreadable measurement'],
    ['M S    7.012 pH   24.8 F', 'unreadable measurement'],
    ['M S    7.0x2 pH', 'unreadable value'],
    ['M S    7.012 pH   2x.8 C', 'unreadable temperature'],
    ['S S     100.00 g', 'unknown MT-SICS reply "S"'],
    ['T S      10.00 g', 'unknown MT-SICS reply "T"'],
    ['Z A', 'unknown MT-SICS reply "Z"'],
    ['M S    7.012 pH\x00', 'not printable ASCII'],
  ])('refuses %j: %s', (line, error) => {
    const result = decode(line);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(error);
  });
});
