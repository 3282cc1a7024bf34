/**
 * The hard-coded-text rule (eslint.config.js, `i18next/no-literal-string`) is enforced, not just
 * configured: a snippet with English JSX text fails in a converted folder, the same snippet with t()
 * passes, and every renderer folder is either converted or listed as debt.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

interface I18nLists {
  i18nConvertedFolders: string[];
  i18nNotYetConvertedFolders: string[];
  i18nNotYetConvertedFiles: string[];
}
// eslint.config.js is plain JavaScript (no declarations): a computed specifier keeps tsc out of it.
const configPath = '../../eslint.config.js';
const { i18nConvertedFolders, i18nNotYetConvertedFolders, i18nNotYetConvertedFiles } = (await import(
  configPath
)) as I18nLists;

const repoRoot = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: repoRoot });

const literal = `export function Greeting() {
  return <p title="Batch record">Sign in to this terminal</p>;
}
`;
const translated = `declare function t(key: string): string;
export function Greeting() {
  return (
    <p title={t('title')} data-testid="greeting" className="gate">
      {t('auth:login.title')}
    </p>
  );
}
`;

async function i18nMessages(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, filePath) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'i18next/no-literal-string')
    .map((m) => m.message);
}

describe('the rule against hard-coded text in converted folders', () => {
  it('fails on JSX text and on a user-visible attribute in every converted folder', async () => {
    for (const folder of i18nConvertedFolders) {
      const messages = await i18nMessages(literal, `${folder}/lint-probe.tsx`);
      expect(messages, folder).toHaveLength(2);
      expect(messages[0]).toContain('[i18n]');
    }
  });

  it('passes text from t() and leaves test ids and class names alone', async () => {
    for (const folder of i18nConvertedFolders)
      expect(await i18nMessages(translated, `${folder}/lint-probe.tsx`), folder).toEqual([]);
  });

  it('does not yet apply to the folders listed as debt', async () => {
    for (const folder of i18nNotYetConvertedFolders)
      expect(await i18nMessages(literal, `${folder}/lint-probe.tsx`), folder).toEqual([]);
  });

  it('lists every renderer folder exactly once, converted or debt', () => {
    const rendererSrc = path.join(repoRoot, 'renderer/src');
    const folders = readdirSync(rendererSrc)
      .filter((name) => statSync(path.join(rendererSrc, name)).isDirectory())
      .map((name) => `renderer/src/${name}`)
      .sort();
    expect([...i18nConvertedFolders, ...i18nNotYetConvertedFolders].sort()).toEqual(folders);
    for (const file of i18nNotYetConvertedFiles)
      expect(
        i18nConvertedFolders.some((folder) => file.startsWith(`${folder}/`)),
        file,
      ).toBe(true);
  });
});
