import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkJsonText } from '../../electron/core/recipes/json-text';
import {
  parseRecipeFile,
  RECIPE_FILE_MAX_BYTES,
  RECIPE_MAX_NESTING,
  type RecipeProblem,
} from '../../electron/core/recipes/recipe-file';

/** The file-level refusals: size, encoding, JSON syntax, nesting, duplicate keys, not a recipe. */
const demoPath = join(import.meta.dirname, '../../resources/recipes/demo-tablet-blend.json');
const demoText = readFileSync(demoPath, 'utf8');
const encoder = new TextEncoder();

function problemsOf(input: Uint8Array | string): RecipeProblem[] {
  const parsed = parseRecipeFile(typeof input === 'string' ? encoder.encode(input) : input);
  return parsed.ok ? [] : parsed.problems;
}

const fileProblem = (message: string) => [{ path: '', message }];

describe('file size cap', () => {
  it('refuses 5 MB + 1 byte before decoding anything', () => {
    const bytes = new Uint8Array(RECIPE_FILE_MAX_BYTES + 1).fill(0x20);
    expect(problemsOf(bytes)).toEqual(
      fileProblem('the file is 5242881 bytes; a recipe file may be at most 5242880 bytes (5 MB)'),
    );
  });

  it('accepts a valid recipe of exactly 5 MB', () => {
    const padded = demoText.padEnd(RECIPE_FILE_MAX_BYTES, ' ');
    expect(encoder.encode(padded).byteLength).toBe(RECIPE_FILE_MAX_BYTES);
    expect(parseRecipeFile(encoder.encode(padded)).ok).toBe(true);
  });
});

describe('encoding', () => {
  it.each([
    ['a Latin-1 é', [0x7b, 0x22, 0xe9, 0x22, 0x7d]],
    ['a lone continuation byte', [0x7b, 0x80, 0x7d]],
    ['an overlong encoding of "/"', [0x22, 0xc0, 0xaf, 0x22]],
    ['an encoded UTF-16 surrogate', [0x22, 0xed, 0xa0, 0x80, 0x22]],
    ['a sequence cut at the end', [0x22, 0xf0, 0x9f, 0x98]],
    ['0xFF', [0xff]],
    ['UTF-16 with its byte-order mark', [0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]],
  ])('refuses %s', (_, bytes) => {
    expect(problemsOf(new Uint8Array(bytes))).toEqual(fileProblem('the file is not valid UTF-8 text'));
  });

  it('accepts a UTF-8 byte-order mark, and non-ASCII text', () => {
    const withMark = new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode(demoText)]);
    expect(parseRecipeFile(withMark).ok).toBe(true);
    const parsed = parseRecipeFile(encoder.encode(demoText.replace('Demo tablet blend', 'Démo — 混合 🧪')));
    expect(parsed.ok && parsed.recipe.header.name).toBe('Démo — 混合 🧪');
  });
});

describe('JSON syntax', () => {
  it.each([
    ['', 'the file is empty'],
    [' \r\n\t ', 'the file is empty'],
    [
      '{"format": "ebr-recipe/1",}',
      "the file is not valid JSON: found '}' where a quoted property name was expected (line 1, column 27)",
    ],
    [
      "{'format': 1}",
      'the file is not valid JSON: found "\'" where a quoted property name was expected (line 1, column 2)',
    ],
    [
      '{\n  "a": 1\n  "b": 2\n}',
      `the file is not valid JSON: found '"' where ',' or '}' was expected after a property value (line 3, column 3)`,
    ],
    [
      '{"a": [1, 2',
      "the file is not valid JSON: found the end of the file where ',' or ']' was expected after an array element (line 1, column 12)",
    ],
    ['{"a": "unterminated', 'the file is not valid JSON: the file ends inside a string (line 1, column 20)'],
    [
      '{"a": "tab\there"}',
      'the file is not valid JSON: found U+0009 inside a string (control characters must be escaped) (line 1, column 11)',
    ],
    [
      '{"a": "\\x41"}',
      "the file is not valid JSON: found 'x' after a backslash (not a JSON escape) (line 1, column 9)",
    ],
    [
      '{"a": "\\u12G4"}',
      'the file is not valid JSON: a \\u escape needs four hexadecimal digits (line 1, column 8)',
    ],
    ['{"a": 012}', "the file is not valid JSON: found '1' inside a number (line 1, column 8)"],
    ['{"a": NaN}', "the file is not valid JSON: found 'N' where a value was expected (line 1, column 7)"],
    ['{"a": -}', "the file is not valid JSON: found '-' where a number was expected (line 1, column 7)"],
    [
      '{"a": 1} // comment',
      'the file is not valid JSON: the file continues after the end of the JSON value (line 1, column 10)',
    ],
    [
      '{"a" 1}',
      "the file is not valid JSON: found '1' where ':' was expected after a property name (line 1, column 6)",
    ],
  ])('%j → %s', (text, message) => {
    expect(problemsOf(text)).toEqual(fileProblem(message));
  });

  it('agrees with JSON.parse on what is JSON', () => {
    const documents = [
      '{}',
      '[]',
      '0',
      '-0.5e+10',
      '"\\u00e9\\n\\"\\\\\\/"',
      'true',
      ' null ',
      '{"a":[{"b":[]},1,"x",false]}',
      '1.',
      '.5',
      '+1',
      '1e',
      '[1,]',
      '{"a":1,}',
      'tru',
      '"\\a"',
      '[',
      '"',
      '{"a"}',
      '01',
      '1 2',
      '\u00a0{}',
    ];
    for (const document of documents) {
      let parses = true;
      try {
        JSON.parse(document);
      } catch {
        parses = false;
      }
      expect([document, checkJsonText(document, 64).ok]).toEqual([document, parses]);
    }
  });

  it('refuses a property named twice in one object, with its path', () => {
    const text = demoText.replace('"decimals": 0,', '"decimals": 0,\n"decimals": 2,');
    const line = text.slice(0, text.indexOf('\n"decimals": 2')).split('\n').length + 1;
    expect(problemsOf(text)).toEqual([
      {
        path: 'procedure.operations[2].steps[0].decimals',
        message: `the property "decimals" appears twice in the same object; the file is ambiguous (line ${line}, column 1)`,
      },
    ]);
  });
});

describe('nesting cap', () => {
  it('refuses 1000 levels of nesting without building them', () => {
    expect(RECIPE_MAX_NESTING).toBe(32);
    expect(problemsOf('['.repeat(1000) + ']'.repeat(1000))).toEqual(
      fileProblem('the file nests objects and arrays deeper than 32 levels (line 1, column 33)'),
    );
    expect(problemsOf('{"a":'.repeat(1000) + '1' + '}'.repeat(1000))).toEqual(
      fileProblem('the file nests objects and arrays deeper than 32 levels (line 1, column 161)'),
    );
  });

  it('refuses 100,000 levels in a 200 kB file just the same', () => {
    expect(problemsOf('['.repeat(100_000) + ']'.repeat(100_000))[0]!.message).toMatch(
      /deeper than 32 levels/,
    );
  });

  it('32 levels are allowed by the cap (the schema then refuses the shape)', () => {
    const nested = '['.repeat(31) + ']'.repeat(31);
    expect(problemsOf(`{"format": "ebr-recipe/1", "header": ${nested}}`)[0]).toMatchObject({
      path: 'header',
    });
  });
});

describe('not a recipe', () => {
  it.each(['[]', '42', '"ebr-recipe/1"', 'null'])('refuses %s', (text) => {
    expect(problemsOf(text)).toEqual(
      fileProblem('a recipe file holds one JSON object, with "format": "ebr-recipe/1"'),
    );
  });

  it('says once that a file of another format is not a recipe', () => {
    expect(problemsOf('{"name": "ebr-workstation", "version": "0.1.0"}')).toEqual([
      { path: 'format', message: 'required: "ebr-recipe/1" (this does not look like a recipe file)' },
    ]);
    expect(problemsOf('{"format": ["ebr-recipe/1"]}')).toEqual([
      { path: 'format', message: 'this version reads recipe files of format "ebr-recipe/1", not a list' },
    ]);
  });

  it('never throws, whatever it is given', () => {
    for (const input of [undefined, null, 'text', 42, {}, [], new ArrayBuffer(4)]) {
      expect(parseRecipeFile(input as unknown as Uint8Array)).toEqual({
        ok: false,
        problems: fileProblem('no file content was given'),
      });
    }
  });

  it('reports schema problems with paths and plain words', () => {
    const recipe = JSON.parse(demoText);
    recipe.header.nominalBatchSize.quantity = '10';
    delete recipe.header.name;
    recipe.materials[0].unit = 'lb';
    recipe.procedure.operations[0].steps[1].items = [];
    recipe.procedure.operations[2].steps[1].minMinutes = -1;
    recipe.procedure.operations[2].steps[1].note = 'x';
    expect(problemsOf(JSON.stringify(recipe))).toEqual([
      { path: 'header.name', message: 'required: text' },
      { path: 'header.nominalBatchSize.quantity', message: 'expected a number, found the text "10"' },
      {
        path: 'materials[0].unit',
        message:
          'expected one of "mg", "g", "kg", "mL", "L", "pH", "°C", "min", "h", "rpm", "bar", "kW", "%", "mS/cm", "units", found the text "lb"',
      },
      { path: 'procedure.operations[0].steps[1].items', message: 'needs at least 1 entry' },
      { path: 'procedure.operations[2].steps[1].minMinutes', message: 'must be at least 0' },
      { path: 'procedure.operations[2].steps[1].note', message: 'unknown field "note"' },
    ]);
  });

  it('refuses numbers too large for a double (JSON allows 1e400; JavaScript reads Infinity)', () => {
    const text = demoText.replace('"quantity": 10,', '"quantity": 1e400,');
    expect(problemsOf(text)).toEqual([
      {
        path: 'header.nominalBatchSize.quantity',
        message: 'expected a number, found a number too large to use',
      },
    ]);
  });
});
