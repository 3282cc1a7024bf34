import { connect } from 'node:net';

/**
 * Sends ZPL to a label printer's raw TCP port (9100 on most Zebra printers). Resolves when the
 * printer has taken every byte and closed or after it acknowledged the end; refuses with the
 * reason (refused connection, timeout) so the label can be queued and printed again.
 */
export function sendZpl(host: string, port: number, zpl: string, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`The label printer at ${host}:${port} did not answer within ${timeoutMs / 1000} s.`));
    }, timeoutMs);
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`The label printer at ${host}:${port} cannot be reached (${error.message}).`));
    });
    socket.on('connect', () => socket.end(zpl, 'utf8'));
    socket.on('close', (hadError) => {
      clearTimeout(timer);
      if (!hadError) resolve();
    });
  });
}
