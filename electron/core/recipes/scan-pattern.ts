/**
 * Scan patterns: JavaScript regular expressions (Unicode mode) that a scanned code must match as
 * a whole. A pattern comes from a recipe file, so before it is used it must compile and must not
 * be able to backtrack for ages (nested repetition such as `(a+)+`, or many open-ended parts in a
 * row): JavaScript has no time limit on a match, and a workstation must not hang on a scan.
 */
export const SCAN_PATTERN_MAX_LENGTH = 200;
/** Longest scanned code the engine accepts; the backtracking estimate below assumes it. */
export const SCAN_CODE_MAX_LENGTH = 200;
const MAX_MATCH_WAYS = 1e7;

export type ScanPatternCheck = { ok: true; regex: RegExp } | { ok: false; message: string };

export function checkScanPattern(pattern: string): ScanPatternCheck {
  if (pattern.length > SCAN_PATTERN_MAX_LENGTH) {
    return { ok: false, message: `the pattern is longer than ${SCAN_PATTERN_MAX_LENGTH} characters` };
  }
  let regex: RegExp;
  try {
    new RegExp(pattern, 'u'); // first alone: "a)|(b" must not pass by closing the wrapper group
    regex = new RegExp(`^(?:${pattern})$`, 'u');
  } catch (error) {
    return {
      ok: false,
      message: `the pattern is not a valid regular expression: ${(error as Error).message}`,
    };
  }
  const refusal = backtrackingRefusal(pattern);
  return refusal === undefined ? { ok: true, regex } : { ok: false, message: refusal };
}

/** Whether a scanned code matches the whole pattern; false for a pattern checkScanPattern refuses. */
export function scanCodeMatches(pattern: string, code: string): boolean {
  if (code.length > SCAN_CODE_MAX_LENGTH) return false;
  const checked = checkScanPattern(pattern);
  return checked.ok && checked.regex.test(code);
}

interface Frame {
  /** Ways summed over the alternatives already closed by `|`. */
  alternatives: number;
  /** Ways of each item of the alternative being read. */
  items: number[];
}

const product = (items: number[]) => items.reduce((total, item) => total * item, 1);

/**
 * An upper estimate of the ways the pattern can split a code of SCAN_CODE_MAX_LENGTH characters:
 * each variable repetition multiplies it by its number of counts, alternation adds, and repeating
 * something that can itself match in several ways raises it to the power of the repetition.
 * Runs on a pattern that already compiled in Unicode mode.
 */
function backtrackingRefusal(pattern: string): string | undefined {
  const frames: Frame[] = [{ alternatives: 0, items: [] }];
  const top = () => frames[frames.length - 1]!;
  let index = 0;
  while (index < pattern.length) {
    const char = pattern[index]!;
    if (char === '\\') {
      const next = pattern[index + 1] ?? '';
      if (/[1-9]/.test(next) || next === 'k')
        return 'back-references (\\1, \\k<name>) are not allowed in a scan pattern';
      if ((next === 'p' || next === 'P' || next === 'u') && pattern[index + 2] === '{') {
        index = Math.max(pattern.indexOf('}', index) + 1, index + 2);
      } else index += 2;
      if (!'bB'.includes(next)) top().items.push(1);
      continue;
    }
    if (char === '[') {
      index++;
      if (pattern[index] === '^') index++; // in JavaScript, [] and [^] are complete classes
      while (index < pattern.length && pattern[index] !== ']') index += pattern[index] === '\\' ? 2 : 1;
      index++;
      top().items.push(1);
      continue;
    }
    if (char === '(') {
      const lookaround = /^\(\?(=|!|<=|<!)/.test(pattern.slice(index, index + 4));
      if (lookaround) return 'look-ahead and look-behind are not allowed in a scan pattern';
      frames.push({ alternatives: 0, items: [] });
      index++;
      if (pattern[index] === '?') {
        // (?: (?<name> (?i: … : skip the group's prefix
        const end = pattern[index + 1] === '<' ? pattern.indexOf('>', index) : pattern.indexOf(':', index);
        index = Math.max(end + 1, index + 1);
      }
      continue;
    }
    if (char === '|') {
      const frame = top();
      frame.alternatives += product(frame.items);
      frame.items = [];
      index++;
      continue;
    }
    if (char === ')') {
      const frame = frames.pop()!;
      top().items.push(frame.alternatives + product(frame.items));
      index++;
      continue;
    }
    const quantifier = /^(?:\*|\+|\?|\{(\d+)(,(\d*))?\})\??/.exec(pattern.slice(index));
    if (quantifier) {
      const items = top().items;
      const ways = items.pop() ?? 1;
      let min = 0;
      let max = Infinity;
      if (quantifier[0][0] === '+') min = 1;
      else if (quantifier[0][0] === '?') max = 1;
      else if (quantifier[0][0] === '{') {
        min = Number(quantifier[1]);
        max = quantifier[2] === undefined ? min : quantifier[3] === '' ? Infinity : Number(quantifier[3]);
      }
      const counts = Math.min(max, SCAN_CODE_MAX_LENGTH) - Math.min(min, SCAN_CODE_MAX_LENGTH) + 1;
      if (ways > 1 && max === Infinity) {
        return 'the pattern repeats a part that can itself match in several ways (such as (a+)+ or (a|b)*); matching could take practically forever, so simplify it';
      }
      items.push(counts * ways ** Math.min(max, SCAN_CODE_MAX_LENGTH));
      index += quantifier[0].length;
      continue;
    }
    if (char !== '^' && char !== '$') top().items.push(1);
    index++;
  }
  const total = top().alternatives + product(top().items);
  if (!(total <= MAX_MATCH_WAYS)) {
    return 'the pattern has too many open-ended or nested repetitions (such as .*.*.* or (a|b){1,30}); matching could take practically forever, so simplify it';
  }
  return undefined;
}
