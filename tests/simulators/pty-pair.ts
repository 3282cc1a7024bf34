/**
 * A pair of linked pseudo-terminals made by socat, standing in for a serial cable: the driver
 * opens `hostPath`, a simulator opens `devicePath`. `stop()` kills socat (the cable is pulled:
 * both ends vanish); `restart()` makes the pair again at the same paths (plugged back in).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PtyPair {
  hostPath: string;
  devicePath: string;
  readonly running: boolean;
  stop(): Promise<void>;
  restart(): Promise<void>;
  /** Stops socat and removes the temporary folder. */
  dispose(): Promise<void>;
}

const living = new Set<ChildProcess>();
// A test that crashes must not leave socat processes behind.
process.once('exit', () => {
  for (const child of living) child.kill('SIGKILL');
});

function launch(hostPath: string, devicePath: string): Promise<ChildProcess> {
  for (const path of [hostPath, devicePath]) rmSync(path, { force: true });
  const child = spawn(
    'socat',
    ['-d', '-d', `pty,raw,echo=0,link=${hostPath}`, `pty,raw,echo=0,link=${devicePath}`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  living.add(child);
  child.once('exit', () => living.delete(child));
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => fail(new Error(`socat did not start within 10 s: ${log}`)), 10_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.once('error', (error) => fail(new Error(`cannot run socat (is it installed?): ${error.message}`)));
    child.once('exit', (code) => fail(new Error(`socat exited with ${code}: ${log}`)));
    const ready = () => {
      if (!existsSync(hostPath) || !existsSync(devicePath)) {
        setTimeout(ready, 5);
        return;
      }
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.once('exit', () => living.delete(child));
      resolve(child);
    };
    const onLog = (chunk: Buffer) => {
      log += chunk.toString();
      if (!log.includes('starting data transfer loop')) return;
      child.stderr!.off('data', onLog);
      child.stderr!.resume();
      ready();
    };
    child.stderr!.on('data', onLog);
  });
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 2_000);
  await exited;
  clearTimeout(timer);
}

export async function startPtyPair(): Promise<PtyPair> {
  const dir = mkdtempSync(join(tmpdir(), 'ebr-pty-'));
  const hostPath = join(dir, 'host');
  const devicePath = join(dir, 'device');
  let child: ChildProcess | undefined = await launch(hostPath, devicePath);
  // Stops run one after the other, so a late one cannot remove the links of a restarted pair.
  let stopping = Promise.resolve();
  const stop = () => {
    const running = child;
    child = undefined;
    stopping = stopping.then(async () => {
      if (!running) return;
      await terminate(running);
      // socat removes its links on SIGTERM; make sure, so that the ports are really gone.
      for (const path of [hostPath, devicePath]) rmSync(path, { force: true });
    });
    return stopping;
  };
  return {
    hostPath,
    devicePath,
    get running() {
      return child !== undefined;
    },
    stop,
    async restart() {
      await stop();
      child = await launch(hostPath, devicePath);
    },
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
