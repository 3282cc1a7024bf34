/**
 * A driver talking to a simulator over a socat pseudo-terminal pair, through the real
 * `serialport` package on both ends: the closest the tests get to a cable and an instrument.
 */
import { InstrumentDriver, type DriverOptions } from '../../electron/core/devices/driver';
import type { DriverTiming } from '../../electron/core/devices/driver-timing';
import type { InstrumentProtocol } from '../../electron/core/devices/protocols/protocol';
import { SerialTransport } from '../../electron/core/devices/serial-transport';
import { attachToPty, type PtyAttachment } from './attach-pty';
import type { InstrumentSimulator } from './instrument-simulator';
import { startPtyPair, type PtyPair } from './pty-pair';

/** Short enough for fast tests, long enough for a loaded 2-core machine. */
export const testTiming: Partial<DriverTiming> = {
  commandTimeoutMs: 1_500,
  settleTimeoutMs: 3_000,
  heartbeatIntervalMs: 0,
  reconnectInitialMs: 50,
  reconnectMaxMs: 400,
  resyncQuietMs: 60,
  resyncMaxMs: 400,
  noReplyPauseMs: 30,
  stablePollMs: 30,
};

export interface PtyRig<S extends InstrumentSimulator> {
  pair: PtyPair;
  attachment: PtyAttachment;
  simulator: S;
  driver: InstrumentDriver;
  /** Pull the cable and plug it back in at the same path. */
  replug(): Promise<void>;
  dispose(): Promise<void>;
}

export async function ptyRig<S extends InstrumentSimulator>(
  simulator: S,
  protocol: InstrumentProtocol,
  options: Partial<Omit<DriverOptions, 'protocol' | 'transport'>> = {},
): Promise<PtyRig<S>> {
  const pair = await startPtyPair();
  const attachment = await attachToPty(simulator, pair);
  const transport = new SerialTransport({ path: pair.hostPath, settings: protocol.defaultSettings });
  const driver = new InstrumentDriver({
    protocol,
    transport,
    ...options,
    timing: { ...testTiming, ...options.timing },
  });
  return {
    pair,
    attachment,
    simulator,
    driver,
    async replug() {
      await pair.restart();
      await attachment.reattach();
    },
    async dispose() {
      await driver.close();
      simulator.stop();
      await attachment.detach();
      await pair.dispose();
    },
  };
}
