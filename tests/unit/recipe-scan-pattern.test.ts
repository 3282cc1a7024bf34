import { describe, expect, it } from 'vitest';
import { checkScanPattern, scanCodeMatches } from '../../electron/core/recipes/scan-pattern';

describe('scan patterns', () => {
  it.each([
    ['RM-1001/[0-9]{2}[A-Z][0-9]{4}', 'RM-1001/25A0412'],
    ['EQ-(?:GRN|FBD|BLD)-\\d{3}', 'EQ-FBD-001'],
    ['[A-Z]{2,4}-\\d+', 'LOT-123456'],
    ['(?<site>[A-Z]{2})-[A-Z]+-[0-9]+-[A-Z0-9]+', 'DE-BLD-12-X9'],
    ['\\p{Lu}{3}-\\d{2}', 'ÄÖÜ-12'],
    ['CONT-\\d{4}(?:-[A-Z])?', 'CONT-0001-B'],
  ])('accepts %s, matched against the whole code', (pattern, code) => {
    expect(checkScanPattern(pattern).ok).toBe(true);
    expect(scanCodeMatches(pattern, code)).toBe(true);
    expect(scanCodeMatches(pattern, `${code}!`)).toBe(false);
    expect(scanCodeMatches(pattern, `!${code}`)).toBe(false);
  });

  it('an alternation cannot escape the whole-code match', () => {
    expect(scanCodeMatches('EQ-1|EQ-2', 'EQ-2')).toBe(true);
    expect(scanCodeMatches('EQ-1|EQ-2', 'EQ-2 and more')).toBe(false);
    expect(checkScanPattern('EQ-1)|(.*')).toMatchObject({ ok: false });
  });

  const slow = /matching could take practically forever/;
  it.each([
    ['(a+)+b', slow],
    ['(?:[A-Z]+-?)+', slow],
    ['(a|a)*b', slow],
    ['(?:a|b){1,30}', slow],
    ['.*.*.*.*x', slow],
    ['(?:\\d+){1,3}', slow],
    ['[](a+)+[x]', slow],
    ['(EQ)-\\1', /back-references/],
    ['(?<id>EQ)-\\k<id>', /back-references/],
    ['EQ(?=-)', /look-ahead and look-behind/],
    ['(?<!X)EQ', /look-ahead and look-behind/],
    ['EQ-[0-9', /not a valid regular expression: Invalid regular expression: \/EQ-\[0-9\/u/],
    ['EQ\\-1', /not a valid regular expression/], // Unicode mode: no needless escapes
    ['x'.repeat(201), /longer than 200 characters/],
  ])('refuses %s', (pattern, message) => {
    const checked = checkScanPattern(pattern);
    expect(checked.ok).toBe(false);
    expect(checked.ok ? '' : checked.message).toMatch(message);
  });

  it('the slowest patterns it accepts still answer at once on a hostile 200-character code', () => {
    for (const [pattern, code] of [
      ['\\d*\\d*\\d*x', '1'.repeat(200)],
      ['.*.*.*x', 'a'.repeat(200)],
      ['a{0,200}a{0,200}a{0,200}b', 'a'.repeat(200)],
      ['(?:a|aa){1,12}c', 'a'.repeat(200)],
    ] as const) {
      expect(checkScanPattern(pattern).ok).toBe(true);
      const started = performance.now();
      expect(scanCodeMatches(pattern, code)).toBe(false);
      // Tens of milliseconds; a pattern that backtracks without end would take minutes or more.
      expect(performance.now() - started).toBeLessThan(2000);
    }
  });

  it('refuses codes longer than 200 characters without matching them', () => {
    expect(scanCodeMatches('a+', 'a'.repeat(200))).toBe(true);
    expect(scanCodeMatches('a+', 'a'.repeat(201))).toBe(false);
  });
});
