/**
 * Puts a simulator on the device end of a socat pair, through the real `serialport` package:
 * what the driver writes to the host end reaches the simulator, and its replies come back.
 */
import { SerialPortStream } from '@serialport/stream';
import { SerialPort } from 'serialport';
import { withHangupDetection } from '../../electron/core/devices/hangup-guard';
import type { InstrumentSimulator } from './instrument-simulator';
import type { PtyPair } from './pty-pair';

export interface PtyAttachment {
  /** Opens the device end again, after `pair.restart()`. */
  reattach(): Promise<void>;
  detach(): Promise<void>;
}

export async function attachToPty(simulator: InstrumentSimulator, pair: PtyPair): Promise<PtyAttachment> {
  let port: SerialPortStream | undefined;
  // The simulator's end must notice the pair going away too, without spinning.
  const binding = withHangupDetection(SerialPort.binding);

  const open = async () => {
    const opened = new SerialPortStream({ binding, path: pair.devicePath, baudRate: 9600, autoOpen: false });
    await new Promise<void>((resolve, reject) => opened.open((error) => (error ? reject(error) : resolve())));
    port = opened;
    opened.on('data', (chunk: Buffer) => simulator.receive(chunk));
    opened.on('error', () => undefined);
    opened.on('close', () => {
      if (port === opened) {
        port = undefined;
        simulator.detach();
      }
    });
    simulator.attach({
      send: (bytes) => {
        if (port === opened && opened.isOpen) opened.write(bytes, () => undefined);
      },
      // Pulling the cable: socat goes, both ends vanish.
      unplug: () => void pair.stop(),
    });
  };

  const close = async () => {
    const current = port;
    port = undefined;
    simulator.detach();
    if (current?.isOpen) await new Promise<void>((resolve) => current.close(() => resolve()));
  };

  await open();
  return {
    async reattach() {
      await close();
      await open();
    },
    detach: close,
  };
}
