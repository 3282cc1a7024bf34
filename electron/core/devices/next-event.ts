/** Waiting for the next reading or scan a driver emits, ended by a timeout or a lost connection. */
import type { EventEmitter } from 'node:events';
import { DeviceError } from './device-error';
import type { DriverEvents, DriverStatus } from './driver-types';

type Awaited = 'reading' | 'scan';

export function nextEvent<E extends Awaited>(
  driver: EventEmitter<DriverEvents>,
  event: E,
  accept: (value: DriverEvents[E][0]) => boolean,
  timeoutMs: number,
  timeoutMessage: string,
  describe: () => string,
): Promise<DriverEvents[E][0]> {
  const emitter = driver as unknown as EventEmitter;
  return new Promise((resolve, reject) => {
    const onValue = (value: DriverEvents[E][0]) => {
      if (!accept(value)) return;
      cleanup();
      resolve(value);
    };
    const onState = (status: DriverStatus) => {
      if (status.state === 'ready') return;
      cleanup();
      reject(new DeviceError('disconnected', status.message ?? `${describe()}: is ${status.state}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new DeviceError('timeout', timeoutMessage));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      emitter.off(event, onValue);
      emitter.off('state', onState);
    };
    emitter.on(event, onValue);
    emitter.on('state', onState);
  });
}
