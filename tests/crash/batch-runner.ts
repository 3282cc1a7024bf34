/**
 * The crash test's child process: opens a real encrypted data folder, signs in, and executes the
 * demo batch one action at a time, resuming from whatever it finds — the parent kills it with
 * SIGKILL at random points and starts it again. Configuration: EBR_CRASH_CONFIG (JSON, below).
 *
 * One line per event on stdout, written synchronously so the parent sees everything before a kill:
 *   loaded                              modules loaded, waiting for "go" on stdin
 *   opened <ms>                         store open (ms since "go")
 *   ready <nextIndex>                   operator signed in
 *   next <index> <label>                an action begins (signers re-authenticate, then it commits)
 *   tx <n> <auditSeqBefore>             inside transaction n, its changes written, its audit rows not
 *   committed <n> <auditSeqAfter>       transaction n committed and its head file written
 *   done <index> <label> <auditSeq>     the action is committed
 *   complete                            the batch is Execution complete
 * Inside each transaction the runner pauses EBR_CRASH_CONFIG.txPauseMs (fault injection: it widens
 * the window so that kills land mid-transaction; it changes nothing that is written).
 */
import { writeSync } from 'node:fs';
import type { AuditActor, AuditRecorder } from '../../electron/core/audit/audit-trail';
import { readHeadMirror } from '../../electron/core/audit/head-mirror';
import { createApp, type Connection } from '../../electron/core/app';
import { manualClock } from '../../electron/core/clock';
import { dataFolderPath } from '../../electron/core/data-folder';
import { recoveryKeyProvider } from '../../electron/core/keys/recovery-key';
import { CRASH_BATCH_NUMBER, nextActionIndex } from './demo-batch-script';
import { findBatch, resultValue, runScript, type ScriptDriverDeps } from './script-driver';

export interface CrashRunnerConfig {
  dataDir: string;
  recoveryKey: string;
  recipeVersionId: string;
  operator: { username: string; password: string };
  supervisor: { username: string; password: string };
  /** Where the clock starts when the store has no audit row to go by. */
  startMs: number;
  txPauseMs: number;
}

const SECOND = 1000;

function say(line: string): void {
  writeSync(1, `${line}\n`);
}

const pauseCell = new Int32Array(new SharedArrayBuffer(4));
function pause(ms: number): void {
  if (ms > 0) Atomics.wait(pauseCell, 0, 0, ms);
}

function waitForGo(): Promise<void> {
  say('loaded');
  return new Promise((resolve) => {
    process.stdin.once('data', () => {
      process.stdin.pause();
      resolve();
    });
  });
}

async function main(): Promise<void> {
  await waitForGo();
  const go = performance.now();
  const config = JSON.parse(process.env.EBR_CRASH_CONFIG ?? '') as CrashRunnerConfig;
  const { dataDir } = config;
  // The clock the script controls: it never runs behind what the store already records.
  const mirror = readHeadMirror(dataFolderPath(dataDir, 'auditHead'));
  const clock = manualClock(Math.max(config.startMs, mirror ? Date.parse(mirror.atUtc) + SECOND : 0));
  const app = await createApp({
    dataDir,
    keyProvider: recoveryKeyProvider(config.recoveryKey),
    clock,
    sessionCheckIntervalMs: 0,
  });
  if (app.status !== 'ready') throw new Error(`store not ready: ${JSON.stringify(app.refusal)}`);
  say(`opened ${Math.round(performance.now() - go)}`);
  const audit = app.runtime!.audit;
  const head = audit.head();
  if (head) clock.set(Math.max(clock.now(), Date.parse(head.atUtc) + SECOND));

  // Every audited transaction (sign-in included) reports itself and pauses inside.
  const change = audit.change.bind(audit);
  let transactions = 0;
  audit.change = <T>(actor: AuditActor, applyChange: (recorder: AuditRecorder) => T): T => {
    const n = ++transactions;
    const before = audit.head()?.seq ?? 0;
    const result = change(actor, (recorder) => {
      const changed = applyChange(recorder);
      say(`tx ${n} ${before}`);
      pause(config.txPauseMs);
      return changed;
    });
    say(`committed ${n} ${audit.head()?.seq ?? 0}`);
    return result;
  };

  const signIn = async (user: { username: string; password: string }): Promise<Connection> => {
    const connection = app.connect();
    resultValue(await connection.invoke('auth.login', user), `sign-in of ${user.username}`);
    return connection;
  };
  const deps: ScriptDriverDeps = {
    clock,
    operator: await signIn(config.operator),
    signInSupervisor: () => signIn(config.supervisor),
    operatorPassword: config.operator.password,
    supervisor: config.supervisor,
    recipeVersionId: config.recipeVersionId,
    batchNumber: CRASH_BATCH_NUMBER,
  };
  say(`ready ${nextActionIndex(await findBatch(deps))}`);
  await runScript(deps, {
    next: (index, label) => say(`next ${index} ${label}`),
    done: (index, label) => say(`done ${index} ${label} ${audit.head()?.seq ?? 0}`),
  });
  say('complete');
  await app.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`crash runner failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
