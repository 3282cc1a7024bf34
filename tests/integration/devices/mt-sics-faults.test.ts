/**
 * Line faults between a real serial port and a simulated MT-SICS balance: every fault must end
 * in a refused capture or the true value with its exact bytes — never a crash, never a wrong
 * value — and the next capture must succeed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../electron/core/clock';
import {
  captureStableValue,
  type CaptureOutcome,
  type CaptureRequest,
} from '../../../electron/core/devices/capture';
import type { LineFault } from '../../../electron/core/devices/driver';
import { mtSics } from '../../../electron/core/devices/protocols/mt-sics';
import type { Fault } from '../../simulators/instrument-simulator';
import { MtSicsSimulator } from '../../simulators/mt-sics-simulator';
import { ptyRig, type PtyRig } from '../../simulators/pty-rig';
import { nextState } from '../../simulators/waiting';

const weighing: CaptureRequest = {
  instrument: {
    name: 'Balance WS-03',
    expectedSerialNumber: '1234567890',
    calibrationDueUtc: '2099-12-31',
    unit: 'g',
    capacity: 220,
    readability: 0.01,
    minimumWeight: 2,
  },
  need: { unit: 'g', target: 100, tolerance: 0.5 },
  clock: systemClock,
};

const trueLine = (value: string) =>
  Buffer.from(`S S ${value.padStart(10)} g\r\n`)
    .toString('hex')
    .toUpperCase();

/** A capture either refused, or exactly the value on the pan with exactly its bytes. */
function expectNoWrongCapture(outcome: CaptureOutcome, value: string): void {
  if (!outcome.ok) return;
  expect(outcome.value.valueText).toBe(value);
  expect(outcome.value.rawHex).toBe(trueLine(value));
}

describe('MT-SICS line faults over a pseudo-terminal', () => {
  let rig: PtyRig<MtSicsSimulator>;
  const faults: LineFault[] = [];
  let load = 99.9;

  beforeAll(async () => {
    rig = await ptyRig(new MtSicsSimulator({ stabilityTimeoutMs: 200 }), mtSics, {
      expectedSerialNumber: '1234567890',
      instrumentName: 'Balance WS-03',
      // Several faults end in a timeout: keep it short, still far above the simulator's 200 ms.
      timing: { settleTimeoutMs: 1_500 },
    });
    rig.driver.on('fault', (fault) => faults.push(fault));
    expect((await rig.driver.connect()).state).toBe('ready');
  });

  afterAll(async () => {
    await rig.dispose();
  });

  const placeNext = () => {
    load = Math.round((load + 0.01) * 100) / 100;
    rig.simulator.balance.place(load);
    return load.toFixed(2);
  };

  it.each<[string, Fault[], 'refused' | 'either', LineFault['kind'] | undefined]>([
    ['a missing terminator', [{ kind: 'missing-terminator' }], 'refused', 'incomplete'],
    ['doubled terminators', [{ kind: 'doubled-terminator' }], 'either', undefined],
    ['an overlong line', [{ kind: 'overlong', length: 1000 }], 'refused', 'overlong'],
    ['garbage bytes glued to the reply', [{ kind: 'garbage' }], 'refused', 'unreadable'],
    ['a line of garbage bytes before the reply', [{ kind: 'garbage-line' }], 'refused', 'unreadable'],
    ['an ES reply', [{ kind: 'replace', line: 'ES' }], 'refused', undefined],
    ['an ET reply', [{ kind: 'replace', line: 'ET' }], 'refused', undefined],
    ['an EL reply', [{ kind: 'replace', line: 'EL' }], 'refused', undefined],
    ['a reply of another command', [{ kind: 'replace', line: 'Z A' }], 'refused', undefined],
    ['a weight that is truncated', [{ kind: 'replace', line: 'S S     10' }], 'refused', 'unreadable'],
    ['no reply at all', [{ kind: 'silence' }], 'refused', undefined],
  ])('survives %s', async (_name, injected, expected, faultKind) => {
    const value = placeNext();
    faults.length = 0;
    rig.simulator.inject(...injected);
    const outcome = await captureStableValue(rig.driver, weighing);
    if (expected === 'refused') expect(outcome.ok).toBe(false);
    expectNoWrongCapture(outcome, value);
    if (faultKind) expect(faults.map((fault) => fault.kind)).toContain(faultKind);
    expect(rig.driver.status.state).toBe('ready');
    // The line recovers: the next capture is right.
    const next = await captureStableValue(rig.driver, weighing);
    expect(next).toMatchObject({ ok: true, value: { valueText: value, rawHex: trueLine(value) } });
  });

  it('reads correctly from 1-byte chunks', async () => {
    const value = placeNext();
    rig.simulator.oneByteChunks = true;
    try {
      const outcome = await captureStableValue(rig.driver, weighing);
      expect(outcome).toMatchObject({ ok: true, value: { valueText: value, rawHex: trueLine(value) } });
      rig.simulator.inject({ kind: 'garbage' });
      expectNoWrongCapture(await captureStableValue(rig.driver, weighing), value);
    } finally {
      rig.simulator.oneByteChunks = false;
    }
  });

  it('refuses S I after a delay when the pan never settles, then captures once it does', async () => {
    const value = placeNext();
    rig.simulator.balance.vibrating = true;
    const outcome = await captureStableValue(rig.driver, weighing);
    expect(outcome).toMatchObject({ ok: false, code: 'not-executable' });
    expect(outcome.ok === false && outcome.message).toContain('it answered "S I" to "S"');
    rig.simulator.balance.vibrating = false;
    expect(await captureStableValue(rig.driver, weighing)).toMatchObject({
      ok: true,
      value: { valueText: value },
    });
  });

  it('survives a burst of faults back to back', async () => {
    const value = placeNext();
    rig.simulator.inject(
      { kind: 'garbage' },
      { kind: 'overlong', length: 300 },
      { kind: 'missing-terminator' },
      { kind: 'replace', line: 'ET' },
      { kind: 'doubled-terminator' },
    );
    for (let attempt = 0; attempt < 5; attempt++) {
      expectNoWrongCapture(await captureStableValue(rig.driver, weighing), value);
    }
    expect(await captureStableValue(rig.driver, weighing)).toMatchObject({
      ok: true,
      value: { valueText: value },
    });
  });

  it('survives an unplug in the middle of a reply, and captures again once plugged back', async () => {
    const value = placeNext();
    const disconnected = nextState(rig.driver, 'disconnected');
    rig.simulator.inject({ kind: 'unplug-mid-reply' });
    const outcome = await captureStableValue(rig.driver, weighing);
    expect(outcome).toMatchObject({ ok: false, code: 'disconnected' });
    expect((await disconnected).message).toContain('was disconnected');
    const ready = nextState(rig.driver, 'ready');
    await rig.replug();
    await ready;
    expect(await captureStableValue(rig.driver, weighing)).toMatchObject({
      ok: true,
      value: { valueText: value },
    });
  });
});
