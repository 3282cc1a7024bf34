/**
 * The plant soak test's separate processes: the bundled `ebr server start` (killed with SIGKILL and
 * started again on a new port) and the terminals (tests/crash/plant-terminal-runner.ts), each
 * answering in lines on stdout.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { PlantTerminalConfig } from '../../crash/plant-terminal-runner';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const WAIT_MS = 90_000;

type Child = ChildProcessByStdio<Writable, Readable, Readable>;

function spawnBundle(bundle: string, args: string[], env: Record<string, string> = {}): Child {
  return spawn(process.execPath, [bundle, ...args], {
    env: { ...process.env, ...env, NODE_PATH: join(ROOT, 'node_modules') },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** `ebr server start` in a process of its own; resolves once it listens. */
export class ServerProcess {
  private constructor(
    private readonly child: Child,
    readonly port: number,
    readonly exited: Promise<number | null>,
    private readonly output: { stderr: string },
  ) {}

  get stderr(): string {
    return this.output.stderr;
  }

  get pid(): number {
    return this.child.pid!;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  static async start(bundle: string, serviceUrl: string, configDir: string): Promise<ServerProcess> {
    const child = spawnBundle(bundle, [
      'server',
      'start',
      '--database',
      serviceUrl,
      '--config-dir',
      configDir,
      '--listen',
      '127.0.0.1:0',
    ]);
    child.stdout.resume(); // JSON request logs: not needed here
    const output = { stderr: '' };
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const port = await new Promise<number>((resolve, reject) => {
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => {
        output.stderr += chunk;
        const match = /listening on https:\/\/127\.0\.0\.1:(\d+)/.exec(output.stderr);
        if (match) resolve(Number(match[1]));
      });
      void exited.then((code) => reject(new Error(`ebr server start exited ${code}: ${output.stderr}`)));
    });
    return new ServerProcess(child, port, exited, output);
  }

  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  async stop(): Promise<number | null> {
    if (this.alive) this.child.kill('SIGTERM');
    return this.exited;
  }
}

/** Rejects naming `what` when `promise` has not settled within `ms`. */
export function within<T>(promise: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what()}: not within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** One terminal process; its lines are kept and can be waited for. */
export class TerminalProcess {
  readonly lines: string[] = [];
  stderr = '';
  readonly exited: Promise<number | null>;
  private readonly child: Child;
  private pending = '';
  private waiters: { match: (line: string) => boolean; resolve: (line: string) => void }[] = [];

  constructor(bundle: string, config: PlantTerminalConfig) {
    this.child = spawnBundle(bundle, [], { EBR_PLANT_TERMINAL: JSON.stringify(config) });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => {
      this.pending += chunk;
      let newline: number;
      while ((newline = this.pending.indexOf('\n')) >= 0) {
        const line = this.pending.slice(0, newline);
        this.pending = this.pending.slice(newline + 1);
        this.lines.push(line);
        const matched = this.waiters.filter((waiter) => waiter.match(line));
        this.waiters = this.waiters.filter((waiter) => !matched.includes(waiter));
        for (const waiter of matched) waiter.resolve(line);
      }
    });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => (this.stderr += chunk));
    this.exited = new Promise((resolve) => this.child.once('close', (code) => resolve(code)));
  }

  /** The number after the last line starting with `event` (-1 when none). */
  last(event: string): number {
    for (let index = this.lines.length - 1; index >= 0; index--) {
      const [name, value] = this.lines[index]!.split(' ');
      if (name === event) return Number(value);
    }
    return -1;
  }

  /** The first line (already seen or still to come) starting with `event ` that passes `test`. */
  waitFor(event: string, test: (value: number) => boolean = () => true): Promise<number> {
    const match = (line: string) => line.startsWith(`${event} `) && test(Number(line.split(' ')[1]));
    const seen = this.lines.find(match);
    if (seen) return Promise.resolve(Number(seen.split(' ')[1]));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no "${event}" line within ${WAIT_MS / 1000} s:\n${this.tail()}`)),
        WAIT_MS,
      );
      this.waiters.push({
        match,
        resolve: (line) => {
          clearTimeout(timer);
          resolve(Number(line.split(' ')[1]));
        },
      });
      void this.exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`the terminal exited ${code} before "${event}":\n${this.tail()}`));
      });
    });
  }

  send(command: 'stop' | 'exit'): void {
    this.child.stdin.write(`${command}\n`);
  }

  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  tail(): string {
    return [...this.lines.slice(-8), this.stderr].join('\n');
  }
}
