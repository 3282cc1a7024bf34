/** A Transport over a serial port through the `serialport` package (real ports, or a binding given by tests). */
import { SerialPortStream } from '@serialport/stream';
import { SerialPort } from 'serialport';
import { withHangupDetection } from './hangup-guard';
import type { SerialSettings } from './serial-settings';
import type { Transport, TransportEvents } from './transport';

export type SerialBinding = ConstructorParameters<typeof SerialPortStream>[0]['binding'];

export interface SerialTransportOptions {
  path: string;
  settings: SerialSettings;
  /** The OS binding by default; tests pass the serialport mock binding. */
  binding?: SerialBinding;
}

/** Why an open failed, in words a technician can act on. */
export function describeOpenError(path: string, error: Error): string {
  const text = error.message;
  if (/ENOENT|No such file|cannot find|File not found/i.test(text)) return `port ${path} does not exist`;
  if (/EACCES|Permission denied|Access denied/i.test(text)) {
    return `no permission to open ${path} (on Linux, add the user to the dialout group)`;
  }
  if (/EBUSY|locked|in use/i.test(text)) return `port ${path} is in use by another program`;
  return `cannot open ${path}: ${text}`;
}

let guardedOsBinding: SerialBinding | undefined;
const osBinding = () => (guardedOsBinding ??= withHangupDetection(SerialPort.binding));

export class SerialTransport implements Transport {
  readonly path: string;
  private port: SerialPortStream | undefined;
  private closing = false;

  constructor(private readonly options: SerialTransportOptions) {
    this.path = options.path;
  }

  async open(events: TransportEvents): Promise<void> {
    const { settings } = this.options;
    const port = new SerialPortStream({
      binding: this.options.binding ?? osBinding(),
      path: this.path,
      baudRate: settings.baudRate,
      dataBits: settings.dataBits,
      parity: settings.parity,
      stopBits: settings.stopBits,
      rtscts: settings.flowControl === 'rts-cts',
      xon: settings.flowControl === 'xon-xoff',
      xoff: settings.flowControl === 'xon-xoff',
      autoOpen: false,
    });
    await new Promise<void>((resolve, reject) =>
      port.open((error) => (error ? reject(new Error(describeOpenError(this.path, error))) : resolve())),
    );
    this.port = port;
    this.closing = false;
    let reported = false;
    const lost = (reason: string) => {
      if (this.closing || reported || this.port !== port) return;
      reported = true;
      this.port = undefined;
      if (port.isOpen) port.close(() => undefined);
      events.lost(reason);
    };
    port.on('data', (chunk: Buffer) => {
      if (this.port === port) events.data(chunk);
    });
    port.on('close', (error?: Error | null) => lost(error?.message ?? 'the port was closed'));
    port.on('error', (error: Error) => lost(error.message));
  }

  async write(bytes: Buffer): Promise<void> {
    const port = this.port;
    if (!port) throw new Error(`port ${this.path} is not open`);
    await new Promise<void>((resolve, reject) => {
      port.write(bytes, (error) => {
        if (error) reject(error);
        else port.drain((drainError) => (drainError ? reject(drainError) : resolve()));
      });
    });
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    if (!port) return;
    this.closing = true;
    if (!port.isOpen) return;
    await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}
