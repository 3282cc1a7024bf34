/**
 * Text at the gate (A11-5): one check refuses what the store cannot keep as hashed (unpaired
 * surrogates) and control characters, names the field and the position, and never rewrites. The
 * walk over the contract proves that EVERY string of EVERY channel's input (and of the recipe file
 * format) carries it: a new channel or field declared without `safeText()` fails here.
 */
import { describe, expect, it } from 'vitest';
import { channelNames, channels } from '../../shared/contract/channels';
import { reasonField } from '../../shared/contract/inputs';
import { recipeSchema } from '../../shared/recipes/recipe-schema';
import {
  findInvalidCharacter,
  findInvalidText,
  GS1_SCAN_TEXT,
  labelFromPath,
  safeText,
  STORABLE_TEXT,
} from '../../shared/text/safe-text';
import { stringLeaves } from '../helpers/schema-strings';
import { z } from 'zod';

describe('findInvalidCharacter', () => {
  it.each([
    ['\uD800 hire', 1, 'U+D800', 'unpaired surrogate'],
    ['New\uD800 hire', 4, 'U+D800', 'unpaired surrogate'],
    ['Line stop\uDBFF', 10, 'U+DBFF', 'unpaired surrogate'],
    ['\uDC00Line', 1, 'U+DC00', 'unpaired surrogate'],
    ['Line\uDC00 stop', 5, 'U+DC00', 'unpaired surrogate'],
    ['ok\uDC00\uD800', 3, 'U+DC00', 'unpaired surrogate'],
    ['NUL\u0000here', 4, 'U+0000', 'control character'],
    ['next\u0085line', 5, 'U+0085', 'control character'],
    ['del\u007F', 4, 'U+007F', 'control character'],
    ['bell\u0007', 5, 'U+0007', 'control character'],
    ['cr\r\nlf', 3, 'U+000D', 'control character'],
    ['esc\u001B[2J', 4, 'U+001B', 'control character'],
    // Positions count characters: the emoji before the fault is one, not two.
    ['😀x\u0000', 3, 'U+0000', 'control character'],
  ])('%j: position %i (%s)', (text, position, codePoint, kind) => {
    expect(findInvalidCharacter(text)).toEqual({ position, codePoint, kind });
  });

  it.each([
    ['plain text'],
    ['tab\tand\nnewline'],
    ['µ ± °C Größe 検査 😀 عربى'],
    ['bidi \u202Eevil\u202C and \u2066isolate\u2069 are shown escaped, not refused'],
    [''],
  ])('accepts %j', (text) => {
    expect(findInvalidCharacter(text)).toBeNull();
  });

  it('allows the controls a rule names, and only those', () => {
    expect(findInvalidCharacter('01095\u001D10LOT', GS1_SCAN_TEXT)).toBeNull();
    expect(findInvalidCharacter('01095\u001E10LOT', GS1_SCAN_TEXT)).toMatchObject({ position: 6 });
  });

  it('STORABLE_TEXT refuses only what the store cannot keep as hashed: surrogates and NUL', () => {
    expect(findInvalidCharacter('a\u0007\u0085\u001D', STORABLE_TEXT)).toBeNull();
    expect(findInvalidCharacter('a\u0000', STORABLE_TEXT)).toMatchObject({ position: 2 });
    expect(findInvalidCharacter('a\uD800', STORABLE_TEXT)).toMatchObject({ position: 2 });
  });

  it('findInvalidText finds the first bad string or field name deep in a value, without echoing a bad name', () => {
    expect(findInvalidText({ a: { b: ['ok', 'x\uD800'] } })).toEqual({
      path: 'a.b.1',
      found: { position: 2, codePoint: 'U+D800', kind: 'unpaired surrogate' },
    });
    expect(findInvalidText({ a: { ['k\u0000']: 1 } })?.path).toBe('a (a field name)');
    expect(findInvalidText({ a: 1, b: [true, null, 'fine'] })).toBeNull();
  });
});

describe('safeText()', () => {
  it('names the field and the position: "Reason contains an invalid character at position 4"', () => {
    const result = z.object({ reason: reasonField }).safeParse({ reason: 'New\uD800 hire' });
    expect(result.success).toBe(false);
    expect(result.error!.issues).toEqual([
      {
        code: 'custom',
        path: ['reason'],
        params: { check: 'safe-text' },
        message: 'Reason contains an invalid character at position 4 (U+D800, an unpaired surrogate).',
      },
    ]);
  });

  it('takes the label from the path when none is given, and counts positions before any trim', () => {
    const schema = z.object({ admin: z.object({ fullName: safeText().trim().min(2) }) });
    const result = schema.safeParse({ admin: { fullName: '  Ada\u0000' } });
    expect(result.error!.issues[0]!.message).toBe(
      'Full name contains an invalid character at position 6 (U+0000, a control character).',
    );
    expect(labelFromPath(['comment'])).toBe('Comment');
    expect(labelFromPath(['signatures', 0, 'credentials', 'temporaryPassword'])).toBe('Temporary password');
    expect(labelFromPath([])).toBe('Text');
  });

  it('never rewrites: a value it accepts comes back identical', () => {
    const text = 'Größe\t± 5 µg\n\u202Eright-to-left\u202C 😀';
    expect(safeText().parse(text)).toBe(text);
  });
});

const SURROGATE_PROBE = 'ab\uD800cd';

function expectEveryStringRefusesASurrogate(where: string, schema: z.ZodType): number {
  const leaves = stringLeaves(schema);
  for (const leaf of leaves) {
    const result = leaf.schema.safeParse(SURROGATE_PROBE);
    expect(result.success, `${where} ${leaf.path} accepted a lone surrogate`).toBe(false);
    const messages = result.error!.issues.map((issue) => issue.message);
    expect(
      messages.some((message) => message.includes('contains an invalid character at position 3 (U+D800')),
      `${where} ${leaf.path} is not declared with safeText(): ${messages.join('; ')}`,
    ).toBe(true);
  }
  return leaves.length;
}

describe('every text field of the contract is declared with safeText()', () => {
  it.each(channelNames)('%s', (name) => {
    expectEveryStringRefusesASurrogate(name, channels[name].input);
  });

  it('the walk reaches the strings it should (so it cannot pass by finding none)', () => {
    const paths = (name: keyof typeof channels) =>
      stringLeaves(channels[name].input).map((leaf) => leaf.path);
    expect(paths('users.create')).toEqual(['username', 'fullName', 'temporaryPassword', 'reason']);
    expect(paths('batches.completeStep')).toEqual(
      expect.arrayContaining([
        'input.value',
        'input.code',
        'signatures[].credentials.password',
        'signatures[].credentials.username',
        'override.reason',
        'deviationComment',
      ]),
    );
    expect(paths('audit.reviews.create')).toEqual(expect.arrayContaining(['filter.text', 'comment']));
    const total = channelNames.reduce((sum, name) => sum + stringLeaves(channels[name].input).length, 0);
    expect(total).toBeGreaterThan(100);
  });

  it('the recipe file format too', () => {
    expect(expectEveryStringRefusesASurrogate('recipe', recipeSchema)).toBeGreaterThan(10);
  });

  it('the walk refuses a schema kind it does not know, rather than skip it', () => {
    expect(() => stringLeaves(z.map(z.string(), z.string()))).toThrow(/unknown schema kind "map"/);
  });
});
