import { EbrError } from '../../../shared/errors';

/** At most this many words of a search take part (each one is a lookup in the index). */
export const MAX_SEARCH_TERMS = 12;
/**
 * A word's last part is matched as a prefix from this many characters on; shorter, as a whole word.
 * FTS5 answers a prefix by merging the postings of every word that starts with it: for one or two
 * letters that is most of the trail (`"ba"*` took 100–200 ms a page at a million rows), and "kg",
 * "pH", "QA" are meant as words anyway.
 */
export const MIN_PREFIX_LENGTH = 3;

const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const LAST_PART = /[\p{L}\p{N}\p{Co}]+(?=[^\p{L}\p{N}\p{Co}]*$)/u;

/**
 * Turns what a person typed into a safe FTS5 query over `audit_trail_search`: every
 * whitespace-separated word becomes a quoted string, all words must occur (AND), and a word's
 * last part of at least MIN_PREFIX_LENGTH characters is a prefix (`"word"*`). Inside quotes FTS5
 * syntax has no meaning (AND, OR, NOT, NEAR, `:`, `^`, `(`, `-` are plain text) and an embedded
 * `"` is doubled, so no input can make a syntax error or widen the search. The index's own
 * tokenizer (unicode61, diacritics removed, case folded) splits a quoted word further, so
 * `B-2026-0001` searches the phrase "b 2026 0001" with a prefix on the last part, and `Müller`
 * finds "Muller" and "MÜLLER".
 *
 * Words without a letter or digit (e.g. `-`, `±`) are separators to the index and are dropped;
 * text made only of them is refused (VALIDATION_FAILED).
 */
export function toFtsQuery(text: string): string {
  const words = text
    .normalize('NFC')
    .split(/\s+/u)
    .filter((word) => HAS_LETTER_OR_DIGIT.test(word));
  if (words.length === 0) {
    throw new EbrError('VALIDATION_FAILED', 'Type letters or digits to search the audit trail.', {
      field: 'text',
    });
  }
  return [...new Set(words)]
    .slice(0, MAX_SEARCH_TERMS)
    .map((word) => {
      const last = LAST_PART.exec(word)?.[0] ?? '';
      const prefix = [...last].length >= MIN_PREFIX_LENGTH ? '*' : '';
      return `"${word.replaceAll('"', '""')}"${prefix}`;
    })
    .join(' ');
}
