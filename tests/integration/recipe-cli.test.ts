import { execFile } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../electron/cli/io';
import { main } from '../../electron/cli/main';
import { temporaryFolder } from '../helpers/fresh-app';
import { ebrEntry } from '../helpers/ebr-command';

const run = promisify(execFile);
const root = join(import.meta.dirname, '../..');
const ebr = ebrEntry();
const demo = 'resources/recipes/demo-tablet-blend.json';
const realistic = 'resources/recipes/wet-granulation-blend.json';
const fixture = (name: string) => `tests/fixtures/recipes/${name}.json`;

async function ebrCommand(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [ebr, ...args], { cwd: root });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** The same entry point in-process, with the output captured. */
async function ebrInProcess(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (text) => out.push(text), err: (text) => err.push(text), env: {} };
  const code = await main(args, io);
  return { code, out, err };
}

describe('ebr recipe validate FILE…', () => {
  const folder = temporaryFolder('ebr-recipe-cli-');
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('exits 0 and says how many steps when every file is valid', async () => {
    const result = await ebrCommand(['recipe', 'validate', demo, realistic]);
    expect(result).toEqual({
      code: 0,
      stdout: `${demo}: valid (8 steps)\n${realistic}: valid (49 steps)\n`,
      stderr: '',
    });
  });

  it('prints FILE: PATH: message for each problem, FILE: message for the file as a whole, and exits 1', async () => {
    const result = await ebrCommand([
      'recipe',
      'validate',
      demo,
      fixture('formula-not-prerequisite'),
      fixture('file-not-utf8'),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n')).toEqual([
      `${demo}: valid (8 steps)`,
      `${fixture('formula-not-prerequisite')}: procedure.operations[2].steps[2].formula: the formula reads "w_api": the step "w_api" need not be complete before this step starts (it is not among its dependencies); add it to dependsOn`,
      `${fixture('formula-not-prerequisite')}: procedure.operations[2].steps[2].formula: the formula reads "w_lactose": the step "w_lactose" need not be complete before this step starts (it is not among its dependencies); add it to dependsOn`,
      `${fixture('file-not-utf8')}: the file is not valid UTF-8 text`,
      '',
    ]);
  });

  it('refuses a missing file, a folder and an oversized file without reading it whole', async () => {
    const huge = join(folder, 'huge.json');
    writeFileSync(huge, Buffer.alloc(5 * 1024 * 1024 + 1, 0x20));
    const missing = join(folder, 'missing.json');
    const result = await ebrInProcess(['recipe', 'validate', missing, folder, huge]);
    expect(result).toEqual({
      code: 1,
      out: [
        `${missing}: the file does not exist`,
        `${folder}: this is a folder, not a file`,
        `${huge}: the file is 5242881 bytes; a recipe file may be at most 5242880 bytes (5 MB)`,
      ],
      err: [],
    });
  });

  it('answers in JSON with --json', async () => {
    const result = await ebrInProcess(['recipe', 'validate', '--json', demo, fixture('timer-min-above-max')]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out.join('\n'))).toEqual([
      { file: demo, valid: true, steps: 8, problems: [] },
      {
        file: fixture('timer-min-above-max'),
        valid: false,
        problems: [
          {
            path: 'procedure.operations[2].steps[1].maxMinutes',
            message: 'maxMinutes 12 is below minMinutes 15',
          },
        ],
      },
    ]);
  });

  it('every failing fixture fails through the command line too, each with at least one line', async () => {
    const files = readdirSync(join(root, 'tests/fixtures/recipes'))
      .filter((name) => name.endsWith('.json'))
      .map((name) => fixture(name.replace(/\.json$/, '')));
    const result = await ebrInProcess(['recipe', 'validate', ...files]);
    expect(result.code).toBe(1);
    for (const file of files) {
      const lines = result.out.filter((line) => line.startsWith(`${file}: `));
      expect(lines.length, file).toBeGreaterThan(0);
      expect(
        lines.some((line) => line.includes(': valid (')),
        file,
      ).toBe(false);
    }
  });

  it('is a usage error (exit 2) without files, or with an unknown recipe command', async () => {
    const none = await ebrInProcess(['recipe', 'validate']);
    expect(none.code).toBe(2);
    expect(none.err[0]).toMatch(/^ebr recipe validate: expects FILE…/);
    const unknown = await ebrInProcess(['recipe', 'frobnicate', demo]);
    expect(unknown.code).toBe(2);
    expect(unknown.err[0]).toMatch(/^ebr recipe frobnicate .*: expects one of: ebr recipe validate/);
    const bare = await ebrInProcess(['recipe']);
    expect(bare.code).toBe(2);
  });

  it('keeps the other commands as they were: no positionals after them', async () => {
    const extra = await ebrInProcess(['info', 'extra']);
    expect(extra.code).toBe(2);
    expect(extra.err[0]).toMatch(/^ebr: unknown command "info extra"/);
    const help = await ebrInProcess(['--help']);
    expect(help.code).toBe(0);
    expect(help.out[0]).toContain('ebr recipe validate FILE…');
  });
});
