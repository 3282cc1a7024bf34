import { describe, expect, it } from 'vitest';
import { capturedScan, capturedValue } from '../../../electron/core/devices/capture-record';
import {
  calibrationExpiresAtMs,
  checkCapture,
  checkInstrumentForStep,
  type CaptureCandidate,
  type InstrumentCaptureConfig,
} from '../../../electron/core/devices/capture-checks';
import { rawBytes, type Reading } from '../../../electron/core/devices/reading';

const balance: InstrumentCaptureConfig = {
  name: 'Balance WS-03',
  expectedSerialNumber: '1234567890',
  calibrationDueUtc: '2026-11-02',
  unit: 'g',
  capacity: 220,
  readability: 0.01,
  minimumWeight: 2,
};

const now = Date.UTC(2026, 5, 1, 9, 0);

function reading(valueText: string, overrides: Partial<Reading> = {}): Reading {
  const line = `S S ${valueText.padStart(10)} g\r\n`;
  return {
    quantity: 'mass',
    status: 'stable',
    value: Number(valueText),
    valueText,
    unit: 'g',
    raw: rawBytes(Buffer.from(line)),
    receivedAtMs: now - 5,
    ...overrides,
  };
}

function candidate(overrides: Partial<CaptureCandidate> = {}): CaptureCandidate {
  return {
    instrument: balance,
    connectedSerialNumber: '1234567890',
    reading: reading('100.02'),
    need: { unit: 'g', target: 100, tolerance: 0.5 },
    nowMs: now,
    ...overrides,
  };
}

describe('capture checks', () => {
  it('accepts a stable reading within tolerance on a fit, calibrated, registered balance', () => {
    expect(checkCapture(candidate())).toEqual({ ok: true });
  });

  it.each<[string, Partial<CaptureCandidate>, string, string]>([
    [
      'another instrument',
      { connectedSerialNumber: '9999999999' },
      'serial-mismatch',
      'The instrument connected as Balance WS-03 reports serial number "9999999999", not the registered "1234567890" — connect the registered instrument or ask a technician',
    ],
    [
      'overdue calibration',
      { nowMs: Date.UTC(2026, 10, 3, 0, 0, 1) },
      'calibration-overdue',
      'Balance WS-03 calibration expired on 2026-11-02 — ask a technician to calibrate it, or use another instrument',
    ],
    [
      'a reading that is not stable',
      { reading: reading('100.04', { status: 'unstable' }) },
      'not-stable',
      'The reading of Balance WS-03 is not stable — wait for the stability indicator (close the draft shield, keep the bench still)',
    ],
    [
      'an overload',
      {
        reading: {
          ...reading('0'),
          status: 'overload',
          value: undefined,
          valueText: undefined,
          unit: undefined,
        },
      },
      'overload',
      'Balance WS-03 is overloaded — take load off the pan',
    ],
    [
      'an underload',
      {
        reading: {
          ...reading('0'),
          status: 'underload',
          value: undefined,
          valueText: undefined,
          unit: undefined,
        },
      },
      'underload',
      'Balance WS-03 shows underload — check the pan is in place, then zero or tare',
    ],
    [
      'a reading in another unit',
      { reading: reading('0.10002', { unit: 'kg' }) },
      'unit-mismatch',
      'Balance WS-03 shows kg, but this step is in g — set Balance WS-03 to g',
    ],
    [
      'a net weight under the minimum weight',
      { reading: reading('1.95'), need: { unit: 'g', target: 2.5, tolerance: 0.5 } },
      'below-minimum-weight',
      'Net 1.95 g is below the minimum weight of Balance WS-03, 2.00 g (USP <41>) — weigh more, or use a balance with a smaller minimum weight',
    ],
    [
      'a value above tolerance',
      { reading: reading('100.51') },
      'out-of-tolerance',
      '100.51 g is outside 100.00 ± 0.50 g — remove material',
    ],
    [
      'a value below tolerance',
      { reading: reading('99.40') },
      'out-of-tolerance',
      '99.40 g is outside 100.00 ± 0.50 g — add material',
    ],
  ])('refuses %s', (_case, overrides, code, message) => {
    expect(checkCapture(candidate(overrides))).toEqual({ ok: false, code, message });
  });

  it('accepts the tolerance limits themselves', () => {
    expect(checkCapture(candidate({ reading: reading('100.50') }))).toEqual({ ok: true });
    expect(checkCapture(candidate({ reading: reading('99.50') }))).toEqual({ ok: true });
  });

  it('lets a bare due date run through that UTC day', () => {
    expect(calibrationExpiresAtMs('2026-11-02')).toBe(Date.UTC(2026, 10, 2, 23, 59, 59, 999));
    expect(checkCapture(candidate({ nowMs: Date.UTC(2026, 10, 2, 23, 0) }))).toEqual({ ok: true });
    expect(calibrationExpiresAtMs('2026-11-02T12:00:00Z')).toBe(Date.UTC(2026, 10, 2, 12));
  });

  it('refuses an instrument without a valid calibration due date', () => {
    const result = checkCapture(candidate({ instrument: { ...balance, calibrationDueUtc: 'soon' } }));
    expect(result).toMatchObject({ ok: false, code: 'calibration-overdue' });
  });

  describe('fit of the balance to the step', () => {
    it.each<
      [
        string,
        Partial<InstrumentCaptureConfig>,
        Parameters<typeof checkInstrumentForStep>[2],
        number,
        string,
        string,
      ]
    >([
      [
        'capacity below target + tolerance + tare',
        {},
        { unit: 'g', target: 200, tolerance: 1 },
        25,
        'capacity-too-small',
        'Balance WS-03 (capacity 220 g) cannot hold 226 g for this step — use a larger balance',
      ],
      [
        'capacity below what the step requires',
        {},
        { unit: 'g', target: 100, tolerance: 1, balance: { capacity: 500 } },
        0,
        'capacity-too-small',
        'Balance WS-03 (capacity 220 g) cannot hold 500 g for this step — use a larger balance',
      ],
      [
        'readability coarser than a tenth of the tolerance band',
        { readability: 0.1 },
        { unit: 'g', target: 100, tolerance: 0.2 },
        0,
        'readability-too-coarse',
        'Balance WS-03 reads to 0.1 g, too coarse for this step (needs 0.04 g or finer) — use a finer balance',
      ],
      [
        'readability coarser than the step requires',
        {},
        { unit: 'g', target: 100, tolerance: 5, balance: { readability: 0.001 } },
        0,
        'readability-too-coarse',
        'Balance WS-03 reads to 0.01 g, too coarse for this step (needs 0.001 g or finer) — use a finer balance',
      ],
      [
        'minimum weight above the lower limit',
        {},
        { unit: 'g', target: 1.5, tolerance: 0.1 },
        0,
        'minimum-weight-too-high',
        'Balance WS-03 has a minimum weight of 2 g, above the 1.4 g this step may weigh — use a balance with a smaller minimum weight',
      ],
      [
        'minimum weight above what the step requires',
        {},
        { unit: 'g', target: 100, tolerance: 1, balance: { minimumWeight: 1 } },
        0,
        'minimum-weight-too-high',
        'Balance WS-03 has a minimum weight of 2 g, above the 1 g this step may weigh — use a balance with a smaller minimum weight',
      ],
    ])('refuses %s', (_case, instrument, need, tare, code, message) => {
      expect(checkInstrumentForStep({ ...balance, ...instrument }, '1234567890', need, now, tare)).toEqual({
        ok: false,
        code,
        message,
      });
    });

    it('accepts readability equal to a tenth of the band', () => {
      expect(
        checkInstrumentForStep(
          { ...balance, readability: 0.1 },
          '1234567890',
          { unit: 'g', target: 100, tolerance: 0.5 },
          now,
        ),
      ).toEqual({ ok: true });
    });

    it('compares in the step unit when the balance is registered in another unit of mass', () => {
      const kilogramBalance = {
        ...balance,
        unit: 'kg',
        capacity: 0.22,
        readability: 0.00001,
        minimumWeight: 0.002,
      };
      expect(
        checkInstrumentForStep(
          kilogramBalance,
          '1234567890',
          { unit: 'g', target: 100, tolerance: 0.5 },
          now,
        ),
      ).toEqual({
        ok: true,
      });
      expect(
        checkInstrumentForStep(kilogramBalance, '1234567890', { unit: 'g', target: 219, tolerance: 2 }, now),
      ).toMatchObject({ ok: false, code: 'capacity-too-small' });
    });
  });

  describe('pH measurements', () => {
    const meter: InstrumentCaptureConfig = {
      name: 'pH meter PH-02',
      expectedSerialNumber: 'B512345678',
      calibrationDueUtc: '2026-06-30',
      unit: 'pH',
    };
    const pH = (valueText: string): Reading => ({
      quantity: 'pH',
      status: 'stable',
      value: Number(valueText),
      valueText,
      unit: 'pH',
      temperatureC: 24.8,
      raw: rawBytes(Buffer.from(`M S ${valueText.padStart(8)} pH   24.8 C\r\n`)),
      receivedAtMs: now,
    });
    const check = (valueText: string) =>
      checkCapture({
        instrument: meter,
        connectedSerialNumber: 'B512345678',
        reading: pH(valueText),
        need: { unit: 'pH', min: 6.5, max: 7.5 },
        nowMs: now,
      });

    it('accepts a value within the limits', () => expect(check('7.012')).toEqual({ ok: true }));
    it('refuses values outside the limits', () => {
      expect(check('7.612')).toEqual({
        ok: false,
        code: 'out-of-limits',
        message: 'pH 7.612 is above the upper limit pH 7.500',
      });
      expect(check('6.400')).toEqual({
        ok: false,
        code: 'out-of-limits',
        message: 'pH 6.400 is below the lower limit pH 6.500',
      });
    });
    it('refuses a reading in mV when the step wants pH', () => {
      const reading = { ...pH('7.0'), unit: 'mV', quantity: 'potential' as const };
      expect(
        checkCapture({
          instrument: meter,
          connectedSerialNumber: 'B512345678',
          reading,
          need: { unit: 'pH' },
          nowMs: now,
        }),
      ).toMatchObject({ ok: false, code: 'unit-mismatch' });
    });
  });
});

describe('captured value record', () => {
  const source = {
    identity: { serialNumber: '1234567890', model: 'XPE205 Excellence Plus 220.0000 g' },
    protocol: 'mt-sics' as const,
    port: '/dev/ttyUSB0',
    instrumentId: 'instr-7',
  };

  it('keeps raw bytes, value, unit, instrument, port, time of receipt and origin', () => {
    expect(capturedValue(reading('100.02'), source)).toEqual({
      origin: 'instrument',
      quantity: 'mass',
      value: 100.02,
      valueText: '100.02',
      unit: 'g',
      rawHex: '53205320202020203130302E303220670D0A', // "S S     100.02 g\r\n"
      instrumentId: 'instr-7',
      instrumentSerialNumber: '1234567890',
      instrumentModel: 'XPE205 Excellence Plus 220.0000 g',
      protocol: 'mt-sics',
      port: '/dev/ttyUSB0',
      receivedAtUtc: '2026-06-01T08:59:59.995Z',
    });
  });

  it('refuses to make a record of an unstable reading or without a serial number', () => {
    expect(capturedValue(reading('100.02', { status: 'unstable' }), source)).toBeUndefined();
    expect(capturedValue(reading('100.02'), { ...source, identity: {} })).toBeUndefined();
  });

  it('records a scan with its symbology and raw bytes', () => {
    const record = capturedScan(
      {
        data: '0109501234567890\x1d10LOT42',
        symbology: { identifier: ']C1', code: 'C', modifier: '1', name: 'GS1-128', gs1: true },
        raw: rawBytes(Buffer.from(']C10109501234567890\x1d10LOT42\r', 'latin1')),
        receivedAtMs: now,
      },
      { identity: {}, port: '/dev/ttyACM0' },
    );
    expect(record).toMatchObject({ origin: 'instrument', symbology: ']C1', gs1: true, protocol: 'scanner' });
    expect(record.rawHex).toContain('1D');
  });
});
