/**
 * The pseudo-terminal disappears (socat killed: the USB adapter is pulled) and reappears at the
 * same path: the driver reports it, retries with backoff, identifies the instrument again and
 * carries on — without resetting the balance (the tare survives).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DriverStatus } from '../../../electron/core/devices/driver';
import { mtSics } from '../../../electron/core/devices/protocols/mt-sics';
import { MtSicsSimulator } from '../../simulators/mt-sics-simulator';
import { ptyRig, type PtyRig } from '../../simulators/pty-rig';
import { nextState, rejection, until } from '../../simulators/waiting';

let rig: PtyRig<MtSicsSimulator> | undefined;

afterEach(async () => {
  await rig?.dispose();
  rig = undefined;
});

describe('reconnecting after the port disappears', () => {
  it('reports the loss, retries with growing delays, and is ready again once the port is back', async () => {
    rig = await ptyRig(new MtSicsSimulator(), mtSics, { expectedSerialNumber: '1234567890' });
    const { driver, simulator, pair } = rig;
    await driver.connect();
    simulator.balance.place(40);
    await driver.tare();
    const states: DriverStatus[] = [];
    driver.on('state', (status) => states.push(status));

    const disconnected = nextState(driver, 'disconnected');
    await pair.stop();
    expect((await disconnected).message).toMatch(/was disconnected \(.+\) — check the cable; reconnecting$/);
    expect((await rejection(driver.readStable())).code).toBe('not-connected');

    // While the port is gone, each attempt fails and the next waits longer (bounded).
    await until(() => states.filter((status) => status.state === 'disconnected').length >= 4);
    const waits = states.flatMap((status) => (status.retryInMs === undefined ? [] : [status.retryInMs]));
    expect(waits.slice(0, 4)).toEqual([50, 100, 200, 400]);
    expect(states.at(-1)?.message).toContain('does not exist');

    const ready = nextState(driver, 'ready');
    await rig.replug();
    expect((await ready).identity?.serialNumber).toBe('1234567890');
    simulator.balance.place(40 + 55.55);
    expect(await driver.readStable()).toMatchObject({ status: 'stable', value: 55.55 });
    expect(await driver.readTare()).toMatchObject({ value: 40 });
    expect(simulator.commands).not.toContain('@');
  });

  it('resumes live readings after the port comes back', async () => {
    rig = await ptyRig(new MtSicsSimulator(), mtSics, { expectedSerialNumber: '1234567890' });
    const { driver, pair } = rig;
    await driver.connect();
    await driver.startStreaming();
    const disconnected = nextState(driver, 'disconnected');
    await pair.stop();
    await disconnected;
    const ready = nextState(driver, 'ready');
    await rig.replug();
    await ready;
    let readings = 0;
    driver.on('reading', () => readings++);
    await until(() => readings >= 3);
    expect(driver.status.streaming).toBe(true);
  });

  it('refuses a different instrument plugged in at the same port', async () => {
    rig = await ptyRig(new MtSicsSimulator(), mtSics, { expectedSerialNumber: '1234567890' });
    const { driver, pair, simulator } = rig;
    await driver.connect();
    const disconnected = nextState(driver, 'disconnected');
    await pair.stop();
    await disconnected;
    (simulator.balance.spec as { serialNumber: string }).serialNumber = '7777777777';
    const refused = nextState(driver, 'refused');
    await rig.replug();
    expect((await refused).message).toContain('reports serial number "7777777777"');
  });
});
