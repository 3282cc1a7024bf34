/** Waiting helpers for device tests: generous deadlines, no tight timing. */
import { DeviceError } from '../../electron/core/devices/device-error';
import type { DriverStatus, InstrumentDriver } from '../../electron/core/devices/driver';

export async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The next time the driver enters `state` (or rejects after `timeoutMs`). */
export function nextState(
  driver: InstrumentDriver,
  state: DriverStatus['state'],
  timeoutMs = 10_000,
): Promise<DriverStatus> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      driver.off('state', listener);
      reject(new Error(`no "${state}" within ${timeoutMs} ms (now ${driver.status.state})`));
    }, timeoutMs);
    const listener = (status: DriverStatus) => {
      if (status.state !== state) return;
      clearTimeout(timer);
      driver.off('state', listener);
      resolve(status);
    };
    driver.on('state', listener);
  });
}

/** The DeviceError a promise rejects with; fails when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<DeviceError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DeviceError) return error;
    throw error;
  }
  throw new Error('expected a DeviceError');
}
