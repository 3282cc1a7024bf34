import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { z } from 'zod';
import { setupInputSchema } from '../../../shared/contract/inputs';
import { defaultSecuritySettings, passwordPolicyViolations } from '../../../shared/security-settings';
import { CIPHER_DESCRIPTION, openStore } from '../../../db/open';
import { passwordHistory, storeMeta, terminals, users } from '../../../db/schema';
import { EbrError } from '../../../shared/errors';
import { applicationVersion } from '../app-version';
import { anchorStoresFor, HeadAnchors } from '../audit/anchor-check';
import { AuditTrail } from '../audit/audit-trail';
import { systemClock, toUtcIso, type Clock } from '../clock';
import { dataFolderPath, isEmptyFolder, writeStoreDescriptor } from '../data-folder';
import { DATABASE_KEY_BYTES, type KeyProvider } from '../keys/key-provider';
import { formatRecoveryKey } from '../keys/recovery-key';
import { createTerminalKey, formatFingerprint } from '../terminal/terminal-key';
import { hashPassword } from '../users/password-hash';

export const setupInput = setupInputSchema;

export type SetupInput = z.input<typeof setupInput>;

export interface SetupResult {
  /** The database key as 64 hex digits in groups: shown once, never stored by the application. */
  recoveryKey: string;
  terminalId: string;
  terminalFingerprint: string;
  adminUserId: string;
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
}

/**
 * Creates a data folder: the encrypted database, the terminal key pair, the first administrator,
 * all audited. Refuses a folder that is not empty, so nothing is ever overwritten.
 */
export async function initializeDataDir(
  options: SetupInput & {
    dataDir: string;
    keyProvider: KeyProvider;
    clock?: Clock;
    /** A demonstration store (`ebr demo`): marked once here, in the same audited change, for good. */
    demo?: boolean;
  },
): Promise<SetupResult> {
  const parsed = setupInput.safeParse({ admin: options.admin, terminal: options.terminal });
  if (!parsed.success)
    throw new EbrError('VALIDATION_FAILED', `Setup input is not valid: ${describeIssues(parsed.error)}`);
  const { admin, terminal } = parsed.data;
  const { dataDir, keyProvider } = options;
  const clock = options.clock ?? systemClock;
  if (!isEmptyFolder(dataDir)) {
    throw new EbrError(
      'ALREADY_INITIALIZED',
      `The folder ${dataDir} is not empty; setup only uses an empty folder and never overwrites one.`,
      { dataDir },
    );
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });

  const violations = passwordPolicyViolations(
    defaultSecuritySettings.passwordPolicy,
    admin.password,
    admin.username,
  );
  if (violations.length > 0) {
    throw new EbrError(
      'PASSWORD_POLICY',
      `The administrator password does not meet the policy: ${violations.join(' ')}`,
      { violations },
    );
  }
  const key = randomBytes(DATABASE_KEY_BYTES);
  const passwordHash = await hashPassword(admin.password);
  await keyProvider.storeKey(dataDir, key);
  const nowUtc = toUtcIso(clock.now());
  const store = openStore({ file: dataFolderPath(dataDir, 'database'), key, mode: 'create', nowUtc });
  try {
    const terminalKey = createTerminalKey(dataFolderPath(dataDir, 'terminalKey'), key);
    const terminalId = randomUUID();
    const adminUserId = randomUUID();
    // The folder's identity names its audit head anchor outside the folder (docs/audit-trail.md).
    const folderId = randomUUID();
    const anchors = new HeadAnchors(anchorStoresFor(keyProvider), folderId, dataDir);
    const audit = new AuditTrail({
      sqlite: store.sqlite,
      terminalId,
      terminalKey,
      clock,
      headMirrorFile: dataFolderPath(dataDir, 'auditHead'),
      onHeadCommitted: (head) => anchors.record(head),
    });
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    audit.change({ userId: adminUserId, userName: admin.fullName }, ({ record }) => {
      const storeFacts = {
        createdByVersion: applicationVersion,
        schemaVersion: store.schemaVersion,
        cipher: CIPHER_DESCRIPTION,
        timeZone,
        ...(options.demo === true && { demo: true }),
        folderId,
      };
      store.db
        .insert(storeMeta)
        .values(Object.entries(storeFacts).map(([k, v]) => ({ key: k, value: String(v) })))
        .run();
      record({
        action: 'store.initialized',
        entityType: 'store',
        entityId: 'store',
        newValue: storeFacts,
        reason: 'Initial setup',
      });
      const terminalRow = {
        id: terminalId,
        name: terminal.name,
        location: terminal.location,
        publicKeyPem: terminalKey.publicKeyPem,
        fingerprint: terminalKey.fingerprint,
        createdAtUtc: nowUtc,
        // The administrator setting up the workstation stands at it and sees the fingerprint.
        status: 'registered' as const,
        registeredAtUtc: nowUtc,
      };
      store.db.insert(terminals).values(terminalRow).run();
      record({
        action: 'terminal.created',
        entityType: 'terminal',
        entityId: terminalId,
        newValue: { name: terminal.name, location: terminal.location, fingerprint: terminalKey.fingerprint },
        reason: 'Initial setup',
      });
      record({
        action: 'terminal.registered',
        entityType: 'terminal',
        entityId: terminalId,
        oldValue: { status: 'unregistered' },
        newValue: { status: 'registered' },
        reason: 'Registered at setup by the first administrator',
      });
      const adminRow = {
        id: adminUserId,
        username: admin.username,
        fullName: admin.fullName,
        roles: JSON.stringify(['administrator']),
        status: 'active' as const,
        // Every account changes its password at first sign-in, the first administrator too.
        mustChangePassword: true,
        passwordChangeReason: 'first-sign-in',
        passwordChangedAtUtc: nowUtc,
        createdAtUtc: nowUtc,
      };
      store.db
        .insert(users)
        .values({ ...adminRow, passwordHash })
        .run();
      store.db.insert(passwordHistory).values({ userId: adminUserId, passwordHash, setAtUtc: nowUtc }).run();
      record({
        action: 'user.created',
        entityType: 'user',
        entityId: adminUserId,
        newValue: {
          username: admin.username,
          fullName: admin.fullName,
          roles: ['administrator'],
          status: 'active',
          mustChangePassword: true,
        },
        reason: 'First administrator created at setup',
      });
    });
    await anchors.settled();
    // Written last: its presence is what marks the folder as initialized.
    writeStoreDescriptor(dataDir, key, CIPHER_DESCRIPTION, nowUtc);
    return {
      recoveryKey: formatRecoveryKey(key),
      terminalId,
      terminalFingerprint: formatFingerprint(terminalKey.fingerprint),
      adminUserId,
    };
  } finally {
    store.close();
  }
}
