import { z } from 'zod';

/**
 * Text that round-trips, by construction (A11-5). The store keeps text as UTF-8 while hashes and
 * signatures cover the JavaScript string: an unpaired UTF-16 surrogate is stored as U+FFFD, so what
 * is read back is not what was hashed. Control characters hide in a record and change what a person
 * sees. So every string that can reach the store passes this one check, at the gate, and is refused
 * (never rewritten) when it holds:
 *   - an unpaired surrogate (ill-formed UTF-16);
 *   - a control character (Unicode Cc: C0 0x00–0x1F, DEL, C1 0x80–0x9F) other than tab and line feed.
 * Carriage return is refused too: the screens send line feeds only (a text area's value is
 * normalised to LF), and a lone CR can overwrite a line on a console.
 * Bidirectional controls (U+202A–U+202E, U+2066–U+2069) are accepted and shown escaped wherever
 * the record is read (see display-text.ts).
 */

export interface TextRules {
  /** Control characters that belong to the data, e.g. GS1 group separators (0x1D) in a scan. */
  allowControls?: readonly number[];
}

export interface InvalidCharacter {
  /** 1-based, counted in characters (code points) of the text as given. */
  position: number;
  /** "U+D800", "U+0000". */
  codePoint: string;
  /** In words, for a message: "an unpaired surrogate", "a control character". */
  kind: 'unpaired surrogate' | 'control character';
}

/** A code typed by a scanner: GS1 group separators (FNC1 as 0x1D) belong to the data. */
export const GS1_SCAN_TEXT: TextRules = { allowControls: [0x1d] };

/** What a serial scanner may send inside a scan (ISO/IEC 15434 envelopes): EOT, GS, RS. */
export const SCAN_DATA_TEXT: TextRules = { allowControls: [0x04, 0x1d, 0x1e] };

/** The text of a file people bring (a CSV an ERP wrote): Windows line endings (CR LF) belong to it. */
export const FILE_TEXT: TextRules = { allowControls: [0x0d] };

const ALWAYS_ALLOWED = [0x09, 0x0a];

const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

function isControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

/** The first character of `text` that cannot be stored as it is; null when every one can. */
export function findInvalidCharacter(text: string, rules: TextRules = {}): InvalidCharacter | null {
  let position = 0;
  for (let index = 0; index < text.length; index++) {
    position += 1;
    const code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        index += 1;
        continue;
      }
      return { position, codePoint: hex(code), kind: 'unpaired surrogate' };
    }
    if (code >= 0xdc00 && code <= 0xdfff)
      return { position, codePoint: hex(code), kind: 'unpaired surrogate' };
    if (isControl(code) && !ALWAYS_ALLOWED.includes(code) && !rules.allowControls?.includes(code)) {
      return { position, codePoint: hex(code), kind: 'control character' };
    }
  }
  return null;
}

/** "Reason contains an invalid character at position 4 (U+D800, an unpaired surrogate)." */
export function invalidCharacterMessage(label: string, found: InvalidCharacter): string {
  const article = found.kind === 'unpaired surrogate' ? 'an' : 'a';
  return `${label} contains an invalid character at position ${found.position} (${found.codePoint}, ${article} ${found.kind}).`;
}

/** "fullName" → "Full name", "admin.fullName" → "Full name"; "Text" when the path names no field. */
export function labelFromPath(path: readonly PropertyKey[]): string {
  const field = [...path].reverse().find((segment): segment is string => typeof segment === 'string');
  if (!field) return 'Text';
  const words = field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return `${words[0]!.toUpperCase()}${words.slice(1)}`;
}

/** Marks the refinement so a test can find it on every string of the contract. */
export const SAFE_TEXT_CHECK = 'safe-text';

/**
 * The way to declare a text field: a zod string that refuses what cannot round-trip, before any
 * trim or length rule (so the position is that of the text as typed). The message names the field
 * by `label`, or by the last key of its path ("comment" → "Comment").
 */
export function safeText(label?: string, rules: TextRules = {}): z.ZodString {
  return z.string().refine((text) => findInvalidCharacter(text, rules) === null, {
    error: (issue) => {
      const found = typeof issue.input === 'string' ? findInvalidCharacter(issue.input, rules) : null;
      const name = label ?? labelFromPath(issue.path ?? []);
      return found ? invalidCharacterMessage(name, found) : `${name} contains an invalid character.`;
    },
    params: { check: SAFE_TEXT_CHECK },
    // Trim, length and pattern rules say nothing useful about a value that cannot be stored.
    abort: true,
  });
}

/**
 * What the store itself cannot keep as hashed: an unpaired surrogate (stored as U+FFFD) or NUL.
 * Other controls round-trip; the gate refuses them, the writers need not (a scan keeps its GS).
 */
export const STORABLE_TEXT: TextRules = {
  allowControls: Array.from({ length: 0xa0 }, (_, code) => code).filter(
    (code) => code !== 0 && isControl(code),
  ),
};

/**
 * The first string (or field name) inside `value` that breaks `rules`, with where it is; null when
 * there is none. A bad field name is reported by its parent's path, never echoed.
 */
export function findInvalidText(
  value: unknown,
  rules: TextRules = {},
  path = '',
  seen: Set<object> = new Set(),
): { path: string; found: InvalidCharacter } | null {
  if (typeof value === 'string') {
    const found = findInvalidCharacter(value, rules);
    return found ? { path, found } : null;
  }
  if (value === null || typeof value !== 'object' || seen.has(value)) return null;
  seen.add(value);
  for (const [key, inner] of Object.entries(value)) {
    const keyProblem = findInvalidCharacter(key, rules);
    if (keyProblem) return { path: `${path || 'value'} (a field name)`, found: keyProblem };
    const problem = findInvalidText(inner, rules, path ? `${path}.${key}` : key, seen);
    if (problem) return problem;
  }
  return null;
}
