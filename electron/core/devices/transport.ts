/**
 * The byte pipe under a driver. The real one is a serial port (serial-transport.ts); tests may
 * put the serialport mock binding or anything else behind the same interface.
 */
export interface TransportEvents {
  /** Bytes as they arrived, in any chunking. */
  data(chunk: Buffer): void;
  /** The port went away without being asked to (unplugged, device gone, I/O error). */
  lost(reason: string): void;
}

export interface Transport {
  /** The port's path, as the OS names it ("/dev/ttyUSB0", "COM3"). */
  readonly path: string;
  /** Opens (again, after a loss) and reports to `events`; rejects with a message a technician can act on. */
  open(events: TransportEvents): Promise<void>;
  write(bytes: Buffer): Promise<void>;
  /** Closes on purpose: no `lost` follows. Safe to call when already closed. */
  close(): Promise<void>;
}
