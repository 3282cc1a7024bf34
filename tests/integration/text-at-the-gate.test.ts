/**
 * Regression of issue 13 (A11-5): one unpaired surrogate in a free-text field used to be accepted,
 * stored by SQLite as U+FFFD and break the audit chain for good. Now every way text comes in — a
 * reason, a comment, a username, a full name, a recipe file, a scanner frame, a CLI argument — is
 * refused at the gate with a message naming the field and the position, nothing is recorded, and
 * `audit.verify` reports the chain intact. (There is no CSV import: the audit CSV is an export.)
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../electron/core/app';
import { decodeScanLine } from '../../electron/core/devices/protocols/scanner';
import { parseRecipeFile } from '../../electron/core/recipes/recipe-file';
import { main } from '../../electron/cli/main';
import type { AuditVerificationReport } from '../../shared/contract/audit';
import type { ChannelInput, ChannelName } from '../../shared/contract/channels';
import { freshApp, type FreshApp } from '../helpers/fresh-app';
import { activeUser, expectError, lastAuditSeq, value } from '../helpers/identity';

let fresh: FreshApp;
let admin: Connection;
let supervisor: Connection;

beforeAll(async () => {
  fresh = await freshApp();
  admin = await fresh.admin();
  ({ connection: supervisor } = await activeUser(fresh.app, admin, 'sam.super', ['supervisor']));
}, 120_000);

afterAll(async () => {
  await fresh?.cleanup();
});

/** The bad values of the issue: lone surrogates (high, low, at start and end), NUL and a C1 control. */
const badReasons: [what: string, text: string, position: number, codePoint: string][] = [
  ['a high surrogate inside', 'New\uD800 hire', 4, 'U+D800'],
  ['a low surrogate inside', 'Line\uDC00 stop', 5, 'U+DC00'],
  ['a high surrogate at the start', '\uDBFFLine stop', 1, 'U+DBFF'],
  ['a low surrogate at the end', 'Line stop\uDFFF', 10, 'U+DFFF'],
  ['a high surrogate at the end', 'Line stop\uD83D', 10, 'U+D83D'],
  ['NUL', 'Line\u0000stop', 5, 'U+0000'],
  ['a C1 control (NEL)', 'Line\u0085stop', 5, 'U+0085'],
];

async function expectIntactChain(): Promise<void> {
  const report = value<AuditVerificationReport>(await admin.invoke('audit.verify', {}));
  expect(report.firstBreak).toBeNull();
  expect(report.intact).toBe(true);
}

/** Refused as VALIDATION_FAILED naming `field` ("Reason") at `position`; nothing recorded; chain intact. */
async function expectRefused<C extends ChannelName>(
  who: Connection,
  channel: C,
  input: ChannelInput<C>,
  field: string,
  position: number,
  codePoint: string,
): Promise<void> {
  const head = lastAuditSeq(fresh.app);
  const error = expectError(await who.invoke(channel, input), 'VALIDATION_FAILED');
  expect(error.message).toContain(
    `${field} contains an invalid character at position ${position} (${codePoint}`,
  );
  expect(lastAuditSeq(fresh.app)).toBe(head);
  await expectIntactChain();
}

describe('a reason', () => {
  it.each(badReasons)('with %s: users.create refused', async (_what, reason, position, codePoint) => {
    await expectRefused(
      admin,
      'users.create',
      {
        username: 'nina.new',
        fullName: 'Nina New',
        roles: ['operator'],
        temporaryPassword: 'Temp-Pass-77',
        reason,
      },
      'reason: Reason',
      position,
      codePoint,
    );
  });

  it.each(badReasons)('with %s: batches.hold refused', async (_what, reason, position, codePoint) => {
    await expectRefused(
      supervisor,
      'batches.hold',
      { batchId: randomUUID(), reason },
      'Reason',
      position,
      codePoint,
    );
  });
});

describe('a comment', () => {
  it.each(badReasons)('with %s: batches.comment refused', async (_what, text, position, codePoint) => {
    await expectRefused(
      supervisor,
      'batches.comment',
      { batchId: randomUUID(), text },
      'Comment',
      position,
      codePoint,
    );
  });

  it.each(badReasons)('with %s: alerts.acknowledge refused', async (_what, comment, position, codePoint) => {
    await expectRefused(
      admin,
      'alerts.acknowledge',
      { alertId: randomUUID(), comment },
      'comment: Comment',
      position,
      codePoint,
    );
  });
});

describe('a username and a full name', () => {
  it.each(badReasons)(
    'a username with %s: users.create refused',
    async (_what, text, position, codePoint) => {
      await expectRefused(
        admin,
        'users.create',
        {
          username: `nina${text.toLowerCase()}`.slice(0, 20),
          fullName: 'Nina New',
          roles: ['operator'],
          temporaryPassword: 'Temp-Pass-77',
          reason: 'New member of staff',
        },
        'Username',
        position + 4,
        codePoint,
      );
    },
  );

  it.each(badReasons)(
    'a full name with %s: users.create refused',
    async (_what, fullName, position, codePoint) => {
      await expectRefused(
        admin,
        'users.create',
        {
          username: 'nina.new',
          fullName,
          roles: ['operator'],
          temporaryPassword: 'Temp-Pass-77',
          reason: 'New hire',
        },
        'Full name',
        position,
        codePoint,
      );
    },
  );

  it('a well-formed name in any script is stored and read back identical', async () => {
    const fullName = 'Zoë Ångström-検査 😀 \u202Eevil\u202C';
    const created = value<{ id: string; fullName: string }>(
      await admin.invoke('users.create', {
        username: 'zoe.a',
        fullName,
        roles: ['operator'],
        temporaryPassword: 'Temp-Pass-77',
        reason: 'New member of staff',
      }),
    );
    expect(created.fullName).toBe(fullName);
    const listed = value<{ id: string; fullName: string }[]>(await admin.invoke('users.list', {}));
    expect(listed.find((user) => user.id === created.id)?.fullName).toBe(fullName);
    await expectIntactChain();
  });
});

describe('a recipe file', () => {
  const demo = readFileSync(
    join(import.meta.dirname, '../../resources/recipes/demo-tablet-blend.json'),
    'utf8',
  );
  /** The demo recipe with its name replaced by JSON text holding the escape `escaped`. */
  const withName = (escaped: string) =>
    Buffer.from(demo.replace('"name": "Demo tablet blend"', `"name": "Demo${escaped} blend"`), 'utf8');

  it.each([
    ['a high surrogate', '\\ud800', 'U+D800'],
    ['a low surrogate', '\\udc00', 'U+DC00'],
    ['NUL', '\\u0000', 'U+0000'],
    ['a C1 control', '\\u009b', 'U+009B'],
  ])('with %s escaped in its valid UTF-8 JSON: refused naming the path', (_what, escaped, codePoint) => {
    const parsed = parseRecipeFile(withName(escaped));
    expect(parsed).toEqual({
      ok: false,
      problems: [
        {
          path: 'header.name',
          message: `Name contains an invalid character at position 5 (${codePoint}, ${codePoint === 'U+0000' || codePoint === 'U+009B' ? 'a control character' : 'an unpaired surrogate'}).`,
        },
      ],
    });
  });

  it('through recipes.import: refused with the problem, nothing imported, chain intact', async () => {
    const head = lastAuditSeq(fresh.app);
    const error = expectError(
      await supervisor.invoke('recipes.import', {
        fileName: 'demo.json',
        base64: withName('\\ud800').toString('base64'),
      }),
      'VALIDATION_FAILED',
    );
    expect(error.details).toMatchObject({
      problems: [
        {
          path: 'header.name',
          message: expect.stringContaining('Name contains an invalid character at position 5'),
        },
      ],
    });
    expect(value<unknown[]>(await supervisor.invoke('recipes.list', {}))).toEqual([]);
    expect(lastAuditSeq(fresh.app)).toBe(head);
    await expectIntactChain();
  });
});

describe('a scanner frame', () => {
  it.each([
    ['NUL', Buffer.from('LOT\u000042', 'latin1'), 'byte 0x00 at position 4'],
    ['a C1 control', Buffer.from('LOT\u008542', 'latin1'), 'byte 0x85 at position 4'],
    // A surrogate encoded as UTF-8 bytes would be (CESU-8): refused at its first byte.
    ['a surrogate as bytes', Buffer.from([0x4c, 0xed, 0xa0, 0x80]), 'byte 0xED at position 2'],
  ])('with %s is refused by the decoder, naming the byte', (_what, frame, message) => {
    const decoded = decodeScanLine(frame, { terminator: 'cr' });
    expect(decoded).toEqual({ ok: false, error: expect.stringContaining(`unreadable scan: ${message}`) });
  });

  it.each([
    ['a lone surrogate', 'EQ\uD800-1', 3, 'U+D800'],
    ['NUL', 'EQ\u0000-1', 3, 'U+0000'],
    ['BEL', 'EQ\u0007-1', 3, 'U+0007'],
  ])('typed as a scan with %s: instruments.simulate refused', async (_what, scan, position, codePoint) => {
    await expectRefused(
      supervisor,
      'instruments.simulate',
      { instrumentId: randomUUID(), scan },
      'Scan',
      position,
      codePoint,
    );
  });

  it('a scanned code with a lone surrogate in a step entry: refused naming the code', async () => {
    await expectRefused(
      supervisor,
      'batches.completeStep',
      {
        batchId: randomUUID(),
        stepId: 'scan_lot',
        input: { type: 'scan', code: 'LOT\uDC00' },
        signatures: [],
      },
      'Code',
      4,
      'U+DC00',
    );
  });
});

describe('a CLI argument', () => {
  it.each(badReasons)(
    '--reason with %s: exit 2 naming it, nothing done',
    async (_what, reason, position, codePoint) => {
      const errors: string[] = [];
      const io = { out: () => {}, err: (text: string) => errors.push(text), env: {} };
      const head = lastAuditSeq(fresh.app);
      const code = await main(
        [
          'unlock-user',
          '--data-dir',
          fresh.dataDir,
          '--recovery-key-file',
          '/nonexistent',
          '--username',
          'sam.super',
          '--reason',
          reason,
        ],
        io,
      );
      expect(code).toBe(2);
      expect(errors.join('\n')).toContain(
        `--reason contains an invalid character at position ${position} (${codePoint}`,
      );
      expect(lastAuditSeq(fresh.app)).toBe(head);
    },
  );
});
