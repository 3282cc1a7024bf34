/**
 * Defence in depth behind the gate (A11-5, issue 13): the audit writer and the signature service
 * refuse, before the transaction commits, any text the store would keep differently from what they
 * hash. Driven below the gate on purpose (a schema that forgot `safeText()`), on a real encrypted
 * store: the refusal is VALIDATION_FAILED naming the field, the change inside the same transaction
 * is rolled back, and the chain and every signature still verify afterwards.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditTrail } from '../../electron/core/audit/audit-trail';
import { verifyAuditTrail } from '../../electron/core/audit/verifier';
import { manualClock } from '../../electron/core/clock';
import { ConnectionHub } from '../../electron/core/connections';
import { SessionRegistry } from '../../electron/core/identity/sessions';
import { recoveryKeyProvider } from '../../electron/core/keys/recovery-key';
import { createServices, type Services } from '../../electron/core/services';
import { startRuntime, type Runtime } from '../../electron/core/startup';
import { EbrError } from '../../shared/errors';
import { initializedFolder, TEST_START_MS, type InitializedFolder } from '../helpers/fresh-app';

let folder: InitializedFolder;
let runtime: Runtime;
let services: Services;
let audit: AuditTrail;

const actor = { userId: null, userName: 'writer-level test' };

beforeAll(async () => {
  const clock = manualClock(TEST_START_MS);
  folder = await initializedFolder({ clock });
  runtime = await startRuntime(folder.dataDir, recoveryKeyProvider(folder.recoveryKey), clock);
  services = createServices(runtime, clock, new ConnectionHub(), new SessionRegistry());
  audit = runtime.audit;
}, 60_000);

afterAll(() => {
  runtime?.store.close();
  if (folder) rmSync(join(folder.dataDir, '..'), { recursive: true, force: true });
});

const adminFullName = () =>
  runtime.store.sqlite.prepare('SELECT full_name FROM users WHERE id = ?').pluck().get(folder.adminUserId);
const signatureCount = () => runtime.store.sqlite.prepare('SELECT count(*) FROM signatures').pluck().get();

function expectIntact(): void {
  const report = verifyAuditTrail({
    sqlite: runtime.store.sqlite,
    trustedPublicKeys: runtime.trustedPublicKeys(),
    headMirror: runtime.headMirror(),
  });
  expect(report.firstBreak).toBeNull();
  expect(report.intact).toBe(true);
  expect(services.signatures.verifyAll().invalid).toEqual([]);
}

/** Runs `change` in an audited transaction that also renames the administrator; expects the refusal. */
function expectRefused(change: Parameters<AuditTrail['change']>[1], message: RegExp): EbrError {
  const head = audit.head();
  const name = adminFullName();
  let thrown: unknown;
  try {
    audit.change(actor, (recorder) => {
      runtime.store.sqlite
        .prepare("UPDATE users SET full_name = 'Changed Inside' WHERE id = ?")
        .run(folder.adminUserId);
      return change(recorder);
    });
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(EbrError);
  const error = thrown as EbrError;
  expect(error.code).toBe('VALIDATION_FAILED');
  expect(error.message).toMatch(message);
  expect(error.message).toContain('nothing was saved');
  // Nothing of the transaction committed: the head, the other change and the chain are as before.
  expect(audit.head()).toEqual(head);
  expect(adminFullName()).toBe(name);
  expectIntact();
  return error;
}

describe('why: the store keeps UTF-8, so a lone surrogate comes back as U+FFFD', () => {
  it('SQLite does not round-trip an unpaired surrogate', () => {
    const stored = runtime.store.sqlite.prepare('SELECT ? AS text').pluck().get('New\uD800 hire');
    expect(stored).toBe('New\uFFFD hire');
  });
});

describe('the audit writer refuses before commit', () => {
  it('a reason with a high surrogate', () => {
    const error = expectRefused(
      (recorder) =>
        recorder.record({
          action: 'user.created',
          entityType: 'user',
          entityId: 'u-1',
          reason: 'New\uD800 hire',
        }),
      /^Reason contains an invalid character at position 4 \(U\+D800, an unpaired surrogate\)/,
    );
    expect(error.details).toEqual({ field: 'entry.reason', position: 4, codePoint: 'U+D800' });
  });

  it('a low surrogate deep in a new value', () => {
    expectRefused(
      (recorder) =>
        recorder.record({
          action: 'batch.held',
          entityType: 'batch',
          entityId: 'b-1',
          newValue: { hold: { comment: 'Line\uDC00 stop' } },
        }),
      /^Comment contains an invalid character at position 5 \(U\+DC00/,
    );
  });

  it('NUL in an old value, and a surrogate in the printed name of the actor', () => {
    expectRefused(
      (recorder) =>
        recorder.record({
          action: 'x.changed',
          entityType: 'x',
          entityId: 'x',
          oldValue: { fullName: 'Ada\u0000' },
        }),
      /^Full name contains an invalid character at position 4 \(U\+0000, a control character\)/,
    );
    const head = audit.head();
    expect(() =>
      audit.change({ userId: null, userName: '\uDBFFAda' }, (recorder) =>
        recorder.record({ action: 'x', entityType: 'x', entityId: 'x' }),
      ),
    ).toThrow(/^User name contains an invalid character at position 1/);
    expect(audit.head()).toEqual(head);
  });

  it('still records what round-trips: controls the gate allows elsewhere (a GS in a scan), bidi, astral', () => {
    const reason = 'scan 01\u001D10LOT \u202Eevil\u202C 😀';
    audit.change(actor, (recorder) =>
      recorder.record({ action: 'test.recorded', entityType: 'test', entityId: 't-1', reason }),
    );
    const stored = runtime.store.sqlite
      .prepare("SELECT reason FROM audit_trail WHERE action = 'test.recorded'")
      .pluck()
      .get();
    expect(stored).toBe(reason);
    expectIntact();
  });
});

describe('the signature service refuses before commit', () => {
  const signer = { userId: '00000000-0000-4000-8000-000000000001', username: 'qa', fullName: 'Quinn QA' };

  it('signed content holding a lone surrogate: no signature, no audit row, chain and signatures intact', () => {
    const before = signatureCount();
    expectRefused(
      (recorder) =>
        services.signatures.signWithin(
          recorder.record,
          signer,
          { type: 'audit-review', id: 'r-1' },
          { comment: 'Reviewed\uDC00' },
          'reviewed',
        ),
      /^Comment contains an invalid character at position 9 \(U\+DC00.*the "reviewed" signature was refused/,
    );
    expect(signatureCount()).toBe(before);
  });

  it("a signer's printed name holding NUL", () => {
    expectRefused(
      (recorder) =>
        services.signatures.signWithin(
          recorder.record,
          { ...signer, fullName: 'Quinn\u0000QA' },
          { type: 'audit-review', id: 'r-2' },
          { comment: 'Reviewed' },
          'reviewed',
        ),
      /^Full name contains an invalid character at position 6/,
    );
  });
});
