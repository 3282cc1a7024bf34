/** The balance widget's own judgement before the core's: when Capture is offered, and the tolerance bar's scale. */
import { describe, expect, it } from 'vitest';
import type { InstrumentView } from '../../shared/contract/instruments';
import type { LiveInstrument, LiveReading } from '../../shared/contract/live-instruments';
import {
  bandPosition,
  instrumentBlock,
  measurementReadiness,
  toleranceScale,
  weighingReadiness,
} from '../../renderer/src/instruments-live/capture-readiness';
import { readableRaw } from '../../renderer/src/instruments-live/raw-bytes-text';

const balance: LiveInstrument = {
  instrumentId: 'b1',
  assetId: 'EQ-BAL-032',
  kind: 'balance',
  simulated: false,
  state: 'ready',
  message: null,
  serialNumber: 'B123456789',
  model: 'XSR32001S',
  streaming: true,
  tare: null,
  latest: null,
};

const registered = {
  id: 'b1',
  assetId: 'EQ-BAL-032',
  status: 'active',
  calibrationState: 'valid',
  calibrationDueUtc: '2027-02-01T00:00:00.000Z',
  unit: 'kg',
  minimumWeight: 0.1,
} as InstrumentView;

const reading = (status: LiveReading['status'], value: number | null, unit = 'kg'): LiveReading => ({
  status,
  value,
  valueText: value === null ? null : value.toFixed(3),
  unit: value === null ? null : unit,
  label: null,
  temperatureC: null,
  receivedAtUtc: '2026-11-02T08:00:00.000Z',
});

const need = { unit: 'kg', decimals: 3, band: { min: 1.99, target: 2, max: 2.01 } };
const step = { equipment: 'EQ-BAL-032', training: false };

describe('instrumentBlock', () => {
  it('lets a ready, calibrated balance named by the step capture', () => {
    expect(instrumentBlock(balance, registered, step)).toBeNull();
  });

  it.each([
    [{ ...balance, assetId: 'EQ-BAL-007' }, registered, 'other-equipment', /done on EQ-BAL-032/],
    [{ ...balance, state: 'refused', message: 'reports serial number "X"' }, registered, 'refused', /serial/],
    [{ ...balance, state: 'disconnected', message: null }, registered, 'disconnected', /cable/],
    [balance, { ...registered, calibrationState: 'overdue' }, 'calibration-overdue', /expired on 2027-02-01/],
    [{ ...balance, simulated: true }, registered, 'simulated', /training batches only/],
  ] as const)('blocks %#', (live, register, kind, message) => {
    const block = instrumentBlock(live as LiveInstrument, register as InstrumentView, step);
    expect(block?.kind).toBe(kind);
    expect(block?.message).toMatch(message);
  });

  it('lets a simulated balance serve a training batch', () => {
    expect(
      instrumentBlock({ ...balance, simulated: true }, registered, { ...step, training: true }),
    ).toBeNull();
  });

  it('lets a simulated balance stand in for the named one in training only, as the core does', () => {
    const simulated = { ...balance, assetId: 'SIM-BAL-01', simulated: true };
    expect(instrumentBlock(simulated, registered, { ...step, training: true })).toBeNull();
    expect(instrumentBlock(simulated, registered, step)?.kind).toBe('simulated');
  });
});

describe('weighingReadiness', () => {
  const ready = (value: LiveReading | null) => weighingReadiness(balance, registered, value, need, null);

  it('offers Capture only for a stable net inside the band', () => {
    expect(ready(reading('stable', 2.004))).toEqual({ enabled: true, reason: null, position: 'inside' });
    expect(ready(reading('stable', 1.99)).enabled).toBe(true);
    expect(ready(reading('stable', 2.01)).enabled).toBe(true);
  });

  it.each([
    [reading('unstable', 2.004), /not stable/, 'inside'],
    [reading('overload', null), /overloaded/, null],
    [reading('underload', null), /below its range/, null],
    [reading('stable', 2.5), /remove 0\.490 kg/, 'above'],
    [reading('stable', 1.5), /add 0\.490 kg/, 'below'],
    [reading('stable', 0.05), /minimum weight/, 'below'],
    [reading('stable', 2004, 'g'), /shows g, but this step is in kg/, null],
    [null, /Waiting for a reading/, null],
  ] as const)('refuses %#', (value, reason, position) => {
    const answer = ready(value);
    expect(answer.enabled).toBe(false);
    expect(answer.reason).toMatch(reason);
    expect(answer.position).toBe(position);
  });

  it('gives the block as the reason', () => {
    const answer = weighingReadiness(balance, registered, reading('stable', 2.004), need, {
      kind: 'calibration-overdue',
      message: 'expired',
    });
    expect(answer).toMatchObject({ enabled: false, reason: 'expired' });
  });
});

describe('measurementReadiness', () => {
  const meter = { ...balance, kind: 'ph-meter' as const, assetId: 'EQ-PH-003' };
  it('offers Capture for a stable value in the unit, whatever the limits', () => {
    expect(measurementReadiness(meter, reading('stable', 9.1, 'pH'), 'pH', null).enabled).toBe(true);
    expect(measurementReadiness(meter, reading('unstable', 7, 'pH'), 'pH', null).reason).toMatch(/drifting/);
    expect(measurementReadiness(meter, reading('stable', 7, 'mV'), 'pH', null).reason).toMatch(/shows mV/);
  });
});

describe('bandPosition and toleranceScale', () => {
  it('judges at the step resolution', () => {
    expect(bandPosition(2.0104, need.band, 3)).toBe('inside');
    expect(bandPosition(2.0106, need.band, 3)).toBe('above');
    expect(bandPosition(2, {}, 3)).toBeNull();
  });

  it('puts the band in the middle third and pins values beyond the ends', () => {
    const scale = toleranceScale(need.band, 2)!;
    expect(scale.bandStart).toBeCloseTo(1 / 3);
    expect(scale.bandEnd).toBeCloseTo(2 / 3);
    expect(scale.target).toBeCloseTo(0.5);
    expect(scale.marker).toBeCloseTo(0.5);
    expect(toleranceScale(need.band, 0)).toMatchObject({ marker: 0, offScale: 'below' });
    expect(toleranceScale(need.band, 40)).toMatchObject({ marker: 1, offScale: 'above' });
    expect(toleranceScale({ target: 2 }, 2)).toBeNull();
  });
});

describe('readableRaw', () => {
  it('shows the reply as received, spaces kept, terminators and GS escaped', () => {
    expect(readableRaw('53205320202020202032')).toBe('S S      2');
    expect(readableRaw('41421D43440D0A')).toBe('AB<GS>CD\\r\\n');
  });
});
