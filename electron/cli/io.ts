import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

/** Output the commands write to; tests pass their own. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  /** Hidden input from a terminal; undefined when there is no terminal to ask. */
  askHidden?: (prompt: string) => Promise<string>;
  /** A progress line on a terminal; absent when output is not a terminal. */
  progress?: (fraction: number, label: string) => void;
}

function askHiddenOnTerminal(prompt: string): Promise<string> {
  let muted = false;
  const silentOutput = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const reader = createInterface({ input: process.stdin, output: silentOutput, terminal: true });
  return new Promise((resolve) => {
    reader.question(prompt, (answer) => {
      reader.close();
      process.stderr.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}

function progressBar(fraction: number, label: string): void {
  const width = 30;
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  process.stderr.write(
    `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor(fraction * 100)}% ${label}`,
  );
  if (fraction >= 1) process.stderr.write('\n');
}

export function processIo(): CliIo {
  const terminal = Boolean(process.stdin.isTTY && process.stderr.isTTY);
  return {
    out: (text) => process.stdout.write(text + '\n'),
    err: (text) => process.stderr.write(text + '\n'),
    env: process.env,
    askHidden: terminal ? askHiddenOnTerminal : undefined,
    progress: process.stderr.isTTY ? progressBar : undefined,
  };
}
