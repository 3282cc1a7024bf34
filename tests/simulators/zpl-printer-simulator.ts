import { createServer, type Server } from 'node:net';

/**
 * A ZPL label printer on 127.0.0.1 (a port the OS picks): takes raw ZPL as a Zebra printer's port
 * 9100 does and keeps each label (^XA … ^XZ) as received, for tests to read the DataMatrix data back.
 */
export class ZplPrinterSimulator {
  readonly labels: string[] = [];
  private server: Server | null = null;
  private buffer = '';

  async start(): Promise<number> {
    this.server = createServer((socket) => {
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        this.buffer += chunk;
        let end: number;
        while ((end = this.buffer.indexOf('^XZ')) !== -1) {
          const start = this.buffer.indexOf('^XA');
          this.labels.push(this.buffer.slice(start, end + 3));
          this.buffer = this.buffer.slice(end + 3);
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP port');
    return address.port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The DataMatrix field of a label as the symbol encodes it: FNC1 (`_1`) after the first as GS. */
  static dataMatrixOf(label: string): string | null {
    const match = /\^BX[^^]*\^FD_1([^^]*)\^FS/.exec(label);
    return match ? match[1]!.replaceAll('_1', '\u001d') : null;
  }
}
