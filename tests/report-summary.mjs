// Prints one closing line over every suite `npm test` ran, from the JSON reports they wrote.
import { existsSync, readFileSync } from 'node:fs';

const reports = new URL('../test-reports/', import.meta.url);
const read = (name) =>
  existsSync(new URL(name, reports)) ? JSON.parse(readFileSync(new URL(name, reports), 'utf8')) : null;

let passed = 0;
let failed = 0;
const vitest = read('vitest.json');
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests + vitest.numPendingTests + vitest.numTodoTests;
}
for (const name of ['e2e.json', 'electron.json']) {
  const playwright = read(name);
  if (!playwright) continue;
  passed += playwright.stats.expected;
  failed += playwright.stats.unexpected + playwright.stats.flaky + playwright.stats.skipped;
}
if (!read('electron.json'))
  console.log('Electron shell tests: not run on this machine (no Electron binary); see the line above.');
console.log(`Tests: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
