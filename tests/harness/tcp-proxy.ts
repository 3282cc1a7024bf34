/**
 * A TCP proxy that can cut the network: terminals talk to the plant server through it (the TLS
 * stays end to end, the proxy only moves bytes). It listens on 127.0.0.1 on a port the OS picked;
 * the upstream port can change (a restarted server binds a new port). While cut, open connections
 * are destroyed and new ones are dropped at once, as a pulled cable or a dead switch would.
 * It also tells when a connection has sent more than a number of bytes upward: an upload in flight.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Where the bytes go (127.0.0.1). */
  setUpstream(port: number): void;
  cut(): void;
  restore(): void;
  readonly isCut: boolean;
  /** Resolves when one connection has sent at least `bytes` toward the server (counted from now). */
  nextUpload(bytes: number): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(upstreamPort: number): Promise<TcpProxy> {
  let upstream = upstreamPort;
  let isCut = false;
  const open = new Set<Socket>();
  /** Each watcher counts every connection's bytes from when it began watching. */
  let watchers: { bytes: number; sent: WeakMap<Socket, number>; resolve: () => void }[] = [];

  const server: Server = createServer((client) => {
    if (isCut) {
      client.destroy();
      return;
    }
    const remote = connect({ host: '127.0.0.1', port: upstream });
    open.add(client);
    open.add(remote);
    const closeBoth = () => {
      client.destroy();
      remote.destroy();
      open.delete(client);
      open.delete(remote);
    };
    client.on('data', (chunk: Buffer) => {
      const reached = watchers.filter((watcher) => {
        const sent = (watcher.sent.get(client) ?? 0) + chunk.length;
        watcher.sent.set(client, sent);
        return sent >= watcher.bytes;
      });
      if (reached.length > 0) {
        watchers = watchers.filter((watcher) => !reached.includes(watcher));
        for (const watcher of reached) watcher.resolve();
      }
    });
    client.pipe(remote);
    remote.pipe(client);
    client.on('error', closeBoth);
    remote.on('error', closeBoth);
    client.on('close', closeBoth);
    remote.on('close', closeBoth);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('the proxy has no address');
  return {
    port: address.port,
    setUpstream(port) {
      upstream = port;
    },
    cut() {
      isCut = true;
      for (const socket of open) socket.destroy();
      open.clear();
    },
    restore() {
      isCut = false;
    },
    get isCut() {
      return isCut;
    },
    nextUpload(bytes) {
      return new Promise((resolve) => watchers.push({ bytes, sent: new WeakMap(), resolve }));
    },
    close() {
      for (const socket of open) socket.destroy();
      open.clear();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
