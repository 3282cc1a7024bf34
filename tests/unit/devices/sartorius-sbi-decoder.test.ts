import { describe, expect, it } from 'vitest';
import { decodeSartoriusLine } from '../../../electron/core/devices/protocols/sartorius-sbi';

const decode = (line: string) => decodeSartoriusLine(Buffer.from(line, 'latin1'));

describe('Sartorius SBI decoder', () => {
  it.each([
    // 16 characters (14 + CR LF): sign, space, value in 8, space, unit in 3
    [
      '+   123.56 g  ',
      { kind: 'value', quantity: 'mass', stable: true, value: 123.56, valueText: '123.56', unit: 'g' },
    ],
    ['-     0.02 g  ', { kind: 'value', stable: true, value: -0.02, valueText: '-0.02', unit: 'g' }],
    ['+ 1234.567 kg ', { kind: 'value', value: 1234.567, unit: 'kg' }],
    ['+ 123.5[6] g  ', { kind: 'value', value: 123.56, unit: 'g' }],
    ['+   123.57    ', { kind: 'value', stable: false, value: 123.57, unit: undefined }],
    ['+      253 pcs', { kind: 'value', quantity: 'count', value: 253, unit: 'pcs' }],
    // 22 characters: the 6-character ID field first
    ['N     +   123.56 g  ', { kind: 'value', stable: true, value: 123.56, unit: 'g', label: 'net' }],
    ['G     +   133.56 g  ', { kind: 'value', value: 133.56, label: 'gross' }],
    ['T     +    10.00 g  ', { kind: 'value', value: 10, label: 'tare' }],
    ['N     +   123.58    ', { kind: 'value', stable: false, unit: undefined, label: 'net' }],
    // special codes
    ['      High    ', { kind: 'overload' }],
    ['      Low     ', { kind: 'underload' }],
    ['Stat        High    ', { kind: 'overload' }],
    ['Stat        Low     ', { kind: 'underload' }],
    // a lone H / L in the status field (Signum, Cubis), in both layouts, wherever it sits
    ['  H           ', { kind: 'overload', id: 'H' }],
    ['  L           ', { kind: 'underload', id: 'L' }],
    ['      H       ', { kind: 'overload', id: 'H' }],
    ['             L', { kind: 'underload', id: 'L' }],
    ['Stat    H           ', { kind: 'overload', id: 'H' }],
    ['Stat    L           ', { kind: 'underload', id: 'L' }],
    ['Stat              H ', { kind: 'overload', id: 'H' }],
    ['  HIGH        ', { kind: 'overload', id: 'High' }],
    ['Stat    low         ', { kind: 'underload', id: 'Low' }],
    ['Stat     ERR 054    ', { kind: 'instrument-error', code: 'Err 054' }],
    ['    Err 54    ', { kind: 'instrument-error', code: 'Err 54' }],
    ['Err 101', { kind: 'instrument-error', code: 'Err 101' }],
    // model and serial number (answers to ESC x1_ and ESC x2_): plain text
    ['BCE224I-1S', { kind: 'text', text: 'BCE224I-1S' }],
    ['  0034512345', { kind: 'text', text: '0034512345' }],
    // a labelled serial number (Cubis): the number, the whole answer beside it
    [
      'SerNo.    0031801165',
      {
        kind: 'identity',
        field: 'serialNumber',
        id: 'SerNo',
        text: '0031801165',
        answer: 'SerNo.    0031801165',
      },
    ],
    ['SerNo. 31801165', { kind: 'identity', text: '31801165', answer: 'SerNo. 31801165' }],
    ['  SerNo.    0031801165  ', { kind: 'identity', text: '0031801165', answer: 'SerNo.    0031801165' }],
    ['Ser.No. 0031801165', { kind: 'identity', text: '0031801165' }],
    ['S/N: 12345-67', { kind: 'identity', text: '12345-67' }],
    ['SN 0031801165', { kind: 'identity', text: '0031801165' }],
    // a letter alone outside a value layout is too little to go on: plain text
    ['H', { kind: 'text', text: 'H' }],
  ])('%j', (line, reply) => {
    expect(decode(line)).toMatchObject({ ok: true, reply });
  });

  it.each([
    ['+   12x.56 g  ', 'unreadable value "12x.56"'],
    ['*   123.56 g  ', 'unexpected sign "*"'],
    ['+   123.56 g  +   123.56 g  ', 'not an SBI line'],
    ['N     +   123.56 g  N     +   123.56 g  ', 'not an SBI line'],
    ['+   123.56 zz ', 'unknown unit "zz"'],
    ['Stat      Cal.Ext.  ', 'unknown status line'],
    ['Stat        HL      ', 'unknown status line'],
    ['+\xff  123.56 g  ', 'not printable ASCII'],
    ['', 'not an SBI line'],
  ])('refuses %j: %s', (line, error) => {
    const result = decode(line);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(error);
  });
});
