import { describe, expect, it } from 'vitest';
import { decodeAndLine } from '../../../electron/core/devices/protocols/and-standard';

const decode = (line: string) => decodeAndLine(Buffer.from(line, 'latin1'));

describe('A&D standard-format decoder', () => {
  it.each([
    [
      'ST,+00123.45  g',
      {
        kind: 'value',
        id: 'ST',
        quantity: 'mass',
        stable: true,
        value: 123.45,
        valueText: '123.45',
        unit: 'g',
      },
    ],
    ['US,+00123.47  g', { kind: 'value', id: 'US', stable: false, value: 123.47, unit: 'g' }],
    ['ST,-00000.02  g', { kind: 'value', stable: true, value: -0.02, valueText: '-0.02' }],
    ['ST,+0001.234 kg', { kind: 'value', value: 1.234, valueText: '1.234', unit: 'kg' }],
    [
      'QT,+00012345 PC',
      { kind: 'value', id: 'QT', quantity: 'count', stable: true, value: 12345, unit: 'PC' },
    ],
    ['ST,OK,+0001.234 kg', { kind: 'value', value: 1.234, label: 'OK' }],
    ['ST,HI,+0001.301 kg', { kind: 'value', label: 'HI' }],
    ['OL,+9999999E+19', { kind: 'overload', id: 'OL' }],
    ['OL,-9999999E+19', { kind: 'underload', id: 'OL' }],
    ['OL,+999999.9  g', { kind: 'overload' }],
    ['SN,01234567', { kind: 'identity', id: 'SN', field: 'serialNumber', text: '01234567' }],
    ['SN, T1234567', { kind: 'identity', field: 'serialNumber', text: 'T1234567' }],
    ['TN,GX-224A', { kind: 'identity', id: 'TN', field: 'model', text: 'GX-224A' }],
    ['\x06', { kind: 'done', id: 'ACK' }],
    [
      'EC,E00',
      { kind: 'instrument-error', code: 'E00', message: expect.stringContaining('communication error') },
    ],
    ['EC,E1', { kind: 'instrument-error', code: 'E01', message: 'undefined command' }],
    ['EC,E01', { kind: 'instrument-error', code: 'E01' }],
    ['EC,E02', { kind: 'instrument-error', code: 'E02' }],
    ['EC,E03', { kind: 'instrument-error', code: 'E03' }],
    ['EC,E04', { kind: 'instrument-error', code: 'E04' }],
    ['EC,E06', { kind: 'instrument-error', code: 'E06' }],
    ['EC,E07', { kind: 'instrument-error', code: 'E07' }],
    ['EC,E11', { kind: 'instrument-error', code: 'E11', message: expect.stringContaining('stability') }],
    ['EC,E17', { kind: 'instrument-error', code: 'E17' }],
    ['EC,E20', { kind: 'instrument-error', code: 'E20' }],
    ['EC,E21', { kind: 'instrument-error', code: 'E21' }],
    ['EC,E99', { kind: 'instrument-error', code: 'E99', message: 'balance error E99' }],
  ])('%j', (line, reply) => {
    expect(decode(line)).toMatchObject({ ok: true, reply });
  });

  it.each([
    'ST,+00123.45',
    'ST,00123.45  g',
    'ST,+0012345.67  g',
    'ST,+00123.45  furlong',
    'QT,+00123.45  g',
    'ST,+00123.45  PC',
    'XX,+00123.45  g',
    'ST,+00123.45  gST,+00123.45  g',
    'ST,+00\xff23.45  g',
    '\x06\x06',
    '',
  ])('refuses %j', (line) => {
    expect(decode(line).ok).toBe(false);
  });
});
