/**
 * The crash test's side of the runner: bundling it once, starting it ahead of its turn, letting it
 * go and killing it with SIGKILL where a kill plan says.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { build } from 'esbuild';
import type { CrashRunnerConfig } from './batch-runner';

const ROOT = join(import.meta.dirname, '..', '..');
const RUN_TIMEOUT_MS = 30_000;
/** How long after "next" a kill during an action may fall (signers re-authenticate meanwhile). */
const ACTION_WINDOW_MS = 250;

/**
 * Where a kill lands: during start-up and sign-in; during an action (re-authentication, the
 * transaction, or after it); inside a transaction (its changes written, not committed — or just
 * after, in the commit); right after a commit; right after the runner reports an action done.
 */
export type KillMode = 'start-up' | 'during-action' | 'in-transaction' | 'after-commit' | 'after-report';

export interface KillPlan {
  mode: KillMode;
  /** Armed once the runner begins an action at or after this index of SCRIPT. */
  targetIndex: number;
  /** 0..1: where in the mode's window the kill lands. */
  fraction: number;
}

export interface RunOutcome {
  lines: string[];
  killed: boolean;
  exitCode: number | null;
  stderr: string;
  /** Milliseconds after "go": the store open, the operator signed in, the process gone. */
  openedAfterMs: number | null;
  readyAfterMs: number | null;
  lifetimeMs: number;
}

/**
 * The runner bundled once, as electron/build.mjs bundles the main process: everything but the
 * native modules in one file, which starts in about a third of the time node_modules takes to load.
 * Returns the bundle; `dir` holds it and the migrations and fonts beside it (remove it afterwards). The
 * backup kill test bundles the `ebr` command the same way (tests/crash/cli-entry.ts).
 */
export async function bundleRunner(
  entryPoint = 'tests/crash/batch-runner.ts',
): Promise<{ file: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'ebr-crash-runner-'));
  const file = join(dir, 'batch-runner.cjs');
  await build({
    absWorkingDir: ROOT,
    entryPoints: [entryPoint],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    logLevel: 'warning',
    // Native modules load from node_modules (NODE_PATH); jspdf's HTML helpers are never used.
    external: [
      'better-sqlite3-multiple-ciphers',
      'argon2',
      '@serialport/bindings-cpp',
      'canvg',
      'html2canvas',
      'dompurify',
    ],
    alias: { 'better-sqlite3': 'better-sqlite3-multiple-ciphers' },
    // ESM sources find their files (migrations) beside the bundle.
    banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__import_meta_url' },
  });
  cpSync(join(ROOT, 'db', 'migrations'), join(dir, 'migrations'), { recursive: true });
  // The PDF reports' font, where electron/build.mjs puts it beside the bundle.
  cpSync(join(ROOT, 'resources', 'fonts'), join(dir, 'fonts'), { recursive: true });
  return { file, dir };
}

/**
 * A runner process started ahead of its turn: it loads its modules while the previous one runs
 * and its kill is checked, and touches the data folder only once told "go".
 */
export class RunnerProcess {
  private readonly child: ChildProcessByStdio<Writable, Readable, Readable>;
  private readonly lines: string[] = [];
  private readonly exited: Promise<number | null>;
  /** Resolves once its modules are loaded and it waits for "go". */
  private readonly loaded: Promise<void>;
  private markLoaded: () => void = () => {};
  private onLine: (line: string) => void;
  private stderr = '';
  private pending = '';

  constructor(
    runnerFile: string,
    private readonly config: CrashRunnerConfig,
  ) {
    this.child = spawn(process.execPath, [runnerFile], {
      env: {
        ...process.env,
        NODE_PATH: join(ROOT, 'node_modules'),
        EBR_CRASH_CONFIG: JSON.stringify(config),
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.loaded = new Promise((resolve) => (this.markLoaded = resolve));
    this.onLine = (line) => {
      if (line === 'loaded') this.markLoaded();
      else this.lines.push(line);
    };
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => {
      this.pending += chunk;
      let newline: number;
      while ((newline = this.pending.indexOf('\n')) >= 0) {
        const line = this.pending.slice(0, newline);
        this.pending = this.pending.slice(newline + 1);
        this.onLine(line);
      }
    });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => (this.stderr += chunk));
    this.exited = new Promise((resolve) => this.child.on('close', resolve));
    // A runner that dies while loading fails its run instead of hanging it.
    void this.exited.then(() => this.markLoaded());
  }

  /** Lets the runner go and kills it as the plan says (never, without a plan). */
  async run(plan: KillPlan | null, expectedStartupMs: number): Promise<RunOutcome> {
    const { child, lines } = this;
    await this.loaded;
    const started = performance.now();
    let killed = false;
    let armed = false;
    let readyAfterMs: number | null = null;
    let openedAfterMs: number | null = null;
    const kill = () => {
      if (killed || child.exitCode !== null) return;
      killed = child.kill('SIGKILL');
    };
    const killAfter = (ms: number) => (ms < 0.5 ? kill() : setTimeout(kill, ms));
    this.onLine = (line) => {
      lines.push(line);
      const [event, first] = line.split(' ');
      if (event === 'ready') readyAfterMs = performance.now() - started;
      if (event === 'opened') openedAfterMs = Number(first);
      if (!plan || plan.mode === 'start-up' || killed) return;
      if (!armed) {
        if (event !== 'next' || Number(first) < plan.targetIndex) return;
        armed = true;
        if (plan.mode === 'during-action') killAfter(plan.fraction * ACTION_WINDOW_MS);
        return;
      }
      // A little past the pause: some kills fall in the audit rows, the commit and the head file.
      if (plan.mode === 'in-transaction' && event === 'tx')
        killAfter(plan.fraction * (this.config.txPauseMs + 4));
      if (plan.mode === 'after-commit' && event === 'committed') kill();
      if (plan.mode === 'after-report' && event === 'done') kill();
    };
    child.stdin.end('go\n');
    if (plan?.mode === 'start-up') killAfter(plan.fraction * expectedStartupMs);
    const timeout = setTimeout(() => {
      this.stderr += `\n(parent: no exit after ${RUN_TIMEOUT_MS} ms)`;
      child.kill('SIGKILL');
    }, RUN_TIMEOUT_MS);
    const exitCode = await this.exited;
    clearTimeout(timeout);
    if (this.pending) lines.push(this.pending);
    return {
      lines,
      killed,
      exitCode,
      stderr: this.stderr,
      openedAfterMs,
      readyAfterMs,
      lifetimeMs: performance.now() - started,
    };
  }

  /** A runner that was never let go. */
  dispose(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}
