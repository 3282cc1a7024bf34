/**
 * Import boundaries (eslint.config.js) are enforced, not just configured: every file in
 * tests/lint-fixtures/ is linted with the real config AS IF it lived at its `@virtual-path`.
 *
 * Fixture header (leading `//` comment lines):
 *   @virtual-path <repo-relative path>   where the snippet pretends to live (need not exist)
 *   @expect <rule id> | none             rule(s) that must report; `none` = must lint clean
 *   @expect-message <text>               every message must contain it (the "[boundary: …]" tag)
 *   @skip-unless-exists <repo path>      skip while an import target has not been written yet
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const fixturesDir = path.join(repoRoot, 'tests/lint-fixtures');

/** The fixtures this suite was written around; deleting one must fail the suite, not shrink it. */
const requiredFixtures = [
  'shared-imports-electron-core.ts',
  'shared-imports-electron.ts',
  'shared-imports-node-crypto.ts',
  'core-imports-electron.ts',
  'core-imports-renderer.ts',
  'cli-imports-electron.ts',
  'renderer-imports-db.ts',
  'renderer-imports-node-fs.ts',
  'renderer-imports-electron.ts',
  'db-imports-renderer.ts',
  'db-imports-electron.ts',
  'allowed-renderer-imports-shared.ts',
  'core-import-circle.ts',
  'core-signatures-imports-domain.ts',
];

interface Fixture {
  file: string;
  code: string;
  virtualPath: string;
  expectedRules: string[];
  expectedMessages: string[];
  skipUnlessExists: string[];
}

function parseFixture(file: string): Fixture {
  const code = readFileSync(path.join(fixturesDir, file), 'utf8');
  const header: string[] = [];
  for (const line of code.split('\n')) {
    if (!line.startsWith('//')) break;
    header.push(line.replace(/^\/\/\s?/, ''));
  }
  const tag = (name: string): string[] =>
    header
      .filter((line) => line.startsWith(`@${name} `))
      .map((line) => line.slice(name.length + 2).trim())
      .filter((value) => value !== '');

  const virtualPaths = tag('virtual-path');
  const expects = tag('expect');
  if (virtualPaths.length !== 1) throw new Error(`${file}: needs exactly one "// @virtual-path" header line`);
  if (expects.length === 0) throw new Error(`${file}: needs "// @expect <rule id>" or "// @expect none"`);
  return {
    file,
    code,
    virtualPath: virtualPaths[0]!,
    expectedRules: expects.includes('none') ? [] : expects,
    expectedMessages: tag('expect-message'),
    skipUnlessExists: tag('skip-unless-exists'),
  };
}

const fixtures = readdirSync(fixturesDir)
  .filter((file) => /\.(ts|tsx|js|mjs)$/.test(file))
  .sort()
  .map(parseFixture);

const isRunnable = (fixture: Fixture): boolean =>
  fixture.skipUnlessExists.every((target) => existsSync(path.join(repoRoot, target)));

/** Repo paths of the relative imports in a fixture, as its virtual location would see them. */
function importTargets(fixture: Fixture): string[] {
  const specifiers = [...fixture.code.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']*)'/g)].map((m) => m[1]!);
  return specifiers.map((specifier) =>
    path.relative(repoRoot, path.resolve(repoRoot, path.dirname(fixture.virtualPath), specifier)),
  );
}

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot });
});

async function lintFixture(fixture: Fixture): Promise<ESLint.LintResult> {
  const results = await eslint.lintText(fixture.code, {
    filePath: path.join(repoRoot, fixture.virtualPath),
    warnIgnored: true,
  });
  expect(results).toHaveLength(1);
  return results[0]!;
}

function describeMessages(result: ESLint.LintResult): string {
  return result.messages
    .map((m) => `  ${m.line}:${m.column} ${m.ruleId ?? '(no rule)'}: ${m.message}`)
    .join('\n');
}

describe('lint fixtures', () => {
  it('include every required fixture and at least one allowed-* fixture', () => {
    const files = fixtures.map((fixture) => fixture.file);
    expect(files).toEqual(expect.arrayContaining(requiredFixtures));
    expect(fixtures.some((fixture) => fixture.file.startsWith('allowed-'))).toBe(true);
  });

  it('name allowed-* fixtures exactly when they expect no problems', () => {
    for (const fixture of fixtures) {
      expect(fixture.file.startsWith('allowed-'), fixture.file).toBe(fixture.expectedRules.length === 0);
    }
  });

  it('use virtual paths inside the repo that are not ignored by the config', async () => {
    for (const fixture of fixtures) {
      expect(fixture.virtualPath.startsWith('..') || path.isAbsolute(fixture.virtualPath), fixture.file).toBe(
        false,
      );
      expect(await eslint.isPathIgnored(path.join(repoRoot, fixture.virtualPath)), fixture.file).toBe(false);
    }
  });

  it('cover every "[boundary: …]" named in eslint.config.js', () => {
    const config = readFileSync(path.join(repoRoot, 'eslint.config.js'), 'utf8');
    const boundaries = new Set([...config.matchAll(/\[boundary: ([a-z-]+)\]/g)].map((m) => m[1]!));
    expect(boundaries.size).toBeGreaterThan(0);
    const covered = fixtures
      .filter((fixture) => fixture.expectedRules.length > 0 && isRunnable(fixture))
      .flatMap((fixture) => fixture.expectedMessages);
    for (const boundary of boundaries) {
      expect(covered, `no runnable fixture expects "[boundary: ${boundary}]"`).toContain(
        `[boundary: ${boundary}]`,
      );
    }
  });
});

describe.each(fixtures)('$file (as $virtualPath)', (fixture) => {
  it.skipIf(!isRunnable(fixture))(
    fixture.expectedRules.length === 0
      ? 'lints clean'
      : `is reported by ${fixture.expectedRules.join(' + ')}`,
    async () => {
      // A missing import target makes no-restricted-paths silently pass, so say so plainly first.
      for (const target of importTargets(fixture)) {
        const candidates = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'].map((ext) =>
          path.join(repoRoot, target + ext),
        );
        expect(
          candidates.some((candidate) => existsSync(candidate)),
          `${fixture.file}: import target ${target} does not exist; point the fixture at an existing file`,
        ).toBe(true);
      }

      const result = await lintFixture(fixture);
      const report = `${fixture.file} linted as ${fixture.virtualPath}:\n${describeMessages(result)}`;

      if (fixture.expectedRules.length === 0) {
        expect(result.messages, report).toEqual([]);
        return;
      }

      expect(result.fatalErrorCount, report).toBe(0);
      expect(result.messages.length, report).toBeGreaterThan(0);
      for (const message of result.messages) {
        // Only the boundary under test may fire, so the fixture cannot pass for the wrong reason.
        expect(fixture.expectedRules, report).toContain(message.ruleId);
        expect(message.severity, report).toBe(2);
        for (const text of fixture.expectedMessages) expect(message.message, report).toContain(text);
      }
      const reportedRules = new Set(result.messages.map((message) => message.ruleId));
      for (const rule of fixture.expectedRules) expect([...reportedRules], report).toContain(rule);
    },
  );
});
