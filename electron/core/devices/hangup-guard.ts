/**
 * On Linux and macOS, @serialport/bindings-cpp 13 answers a read that returns 0 bytes by reading
 * again at once, forever (serialport/bindings-cpp#162): when a USB adapter is pulled or a
 * pseudo-terminal's other end goes away, the port spins a CPU core and never reports the loss.
 * On a non-blocking tty, end of file only happens after a hang-up, so this wraps the binding to
 * fail such a read as a disconnect; the stream then closes and the driver reconnects.
 */
import { read } from 'node:fs';
import type { SerialBinding } from './serial-transport';

type ReadResult = { bytesRead: number; buffer: Buffer };

/** The fields of a bindings-cpp unix port this relies on; anything else is left alone. */
interface UnixPortShape {
  fd: number | null;
  isOpen: boolean;
  poller: { once(event: 'readable', listener: (error?: Error | null) => void): void };
  read(buffer: Buffer, offset: number, length: number): Promise<ReadResult>;
}

function isUnixPort(port: unknown): port is UnixPortShape {
  const candidate = port as Partial<UnixPortShape> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    'fd' in candidate &&
    typeof candidate.poller?.once === 'function' &&
    typeof candidate.read === 'function'
  );
}

const retryable = new Set(['EAGAIN', 'EWOULDBLOCK', 'EINTR']);

function readOnce(fd: number, buffer: Buffer, offset: number, length: number): Promise<number> {
  return new Promise((resolve, reject) =>
    read(fd, buffer, offset, length, null, (error, bytesRead) =>
      error ? reject(error) : resolve(bytesRead),
    ),
  );
}

function guardReads(port: UnixPortShape): void {
  port.read = async (buffer, offset, length) => {
    for (;;) {
      const fd = port.fd;
      if (!port.isOpen || fd === null) throw Object.assign(new Error('Port is not open'), { canceled: true });
      let bytesRead: number;
      try {
        bytesRead = await readOnce(fd, buffer, offset, length);
      } catch (error) {
        if (!retryable.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
        await new Promise<void>((resolve, reject) =>
          port.poller.once('readable', (pollError) => (pollError ? reject(pollError) : resolve())),
        );
        continue;
      }
      if (bytesRead === 0) throw Object.assign(new Error('the device hung up'), { disconnect: true });
      return { bytesRead, buffer };
    }
  };
}

export function withHangupDetection(binding: SerialBinding): SerialBinding {
  return {
    ...binding,
    list: () => binding.list(),
    async open(options: Parameters<SerialBinding['open']>[0]) {
      const port = await binding.open(options);
      if (isUnixPort(port)) guardReads(port);
      return port;
    },
  } as SerialBinding;
}
