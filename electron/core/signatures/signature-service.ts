import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import type {
  RecordRef,
  SignatureView,
  SignerCredentials,
  SignatureVerification,
} from '../../../shared/contract/signatures';
import {
  contentHashOf,
  keyringOf,
  signatureColumns as columns,
  signedPayload,
  verifyAllSignatures,
  verifySignatureRow,
  type SignaturesReport,
  type StoredSignature,
} from './signature-verification';
import { EbrError } from '../../../shared/errors';
import { rolesGrant } from '../../../shared/permissions';
import { isLanguage, type Language } from '../../../shared/i18n/languages';
import { meaningStatementIn } from '../../../shared/i18n/meaning-statements';
import { terminalLanguage } from '../terminal/terminal-language';
import {
  meaningLabels,
  meaningStatements,
  signPermission,
  type SignatureMeaning,
} from '../../../shared/signatures';
import type { AuditRecorder } from '../audit/audit-trail';
import { refuseUnstorableText } from '../audit/storable-text';
import { toUtcIso, type Clock } from '../clock';
import type { AuthService } from '../identity/auth-service';
import type { SessionRecord } from '../identity/sessions';
import type { UserRecord, UserRecords } from '../identity/user-records';
import type { TerminalIdentity } from '../startup';
import { decoyPasswordHash, verifyPassword } from '../users/password-hash';
import type { SignedRecords } from './signed-records';
import { VerifiedSignatures } from './verified-signatures';

/**
 * The training register's check, as the signature service needs it. Declared here (the register in
 * qualification/ satisfies it) so that signatures/ stays below the domains.
 */
export interface SignerQualificationCheck {
  /** Throws NOT_QUALIFIED naming the qualification and its state when the person does not hold each code. */
  require(
    person: { userId: string; name: string },
    codes: readonly string[],
    nowMs: number,
    details?: Record<string, unknown>,
  ): unknown;
}

/** A person who has just re-authenticated to sign. */
export interface Signer {
  userId: string;
  username: string;
  fullName: string;
  /** The language the signature dialog showed the statement in (the session's); English if not known. */
  statementLanguage?: Language;
}

export interface SignatureRules {
  /** People who may not sign this (e.g. the performer, for "verified"). */
  distinctFrom?: { userId: string; role: string }[];
  /** Qualifications the signer must hold now (A11-2), e.g. "verified" on a potent-compound weighing. */
  qualifications?: readonly string[];
}

export interface SignatureServiceDeps {
  sqlite: Database.Database;
  users: UserRecords;
  auth: AuthService;
  terminal: TerminalIdentity;
  clock: Clock;
  records: SignedRecords;
  trustedPublicKeys(): string[];
  /** The training register, when signatures may require qualifications. */
  standings?: SignerQualificationCheck;
}

/**
 * Electronic signatures (P11-50, P11-70, P11-200a1): every signature re-authenticates; meanings
 * are bound to roles; a signature covers the hash of its record's canonical content and names the
 * record, signed by the terminal key, in the same transaction as the change it signs.
 */
export class SignatureService {
  /** Views verify each signature row once per key (issue 22 "verify once"); verifyAll never uses it. */
  readonly verifiedSignatures = new VerifiedSignatures();

  constructor(private readonly deps: SignatureServiceDeps) {}

  /**
   * Re-authentication for one signature. `self`: the session user re-enters the password.
   * `cosigner`: a different person at the same terminal enters username and password.
   * Failures count toward that user's lockout and are audited.
   */
  async authenticate(
    session: SessionRecord,
    credentials: SignerCredentials,
    meaning: SignatureMeaning,
    rules: SignatureRules = {},
  ): Promise<Signer> {
    const { users, auth } = this.deps;
    if (credentials.kind === 'cosigner' && credentials.username === session.username) {
      throw new EbrError(
        'SIGNER_NOT_DISTINCT',
        'A co-signer must be a different person from the one signed in.',
      );
    }
    const user: UserRecord | null =
      credentials.kind === 'self' ? users.find(session.userId) : users.findByUsername(credentials.username);
    const matches = await verifyPassword(
      user?.passwordHash ?? (await decoyPasswordHash()),
      credentials.password,
    );
    if (!user) throw new EbrError('INVALID_CREDENTIALS', 'The username or password is not correct.');
    if (user.lockedAtUtc) throw auth.accountLocked(user.username);
    if (!matches) {
      if (auth.recordFailure(user, `wrong password at signature (${meaning})`))
        throw auth.accountLocked(user.username);
      throw new EbrError(
        'INVALID_CREDENTIALS',
        credentials.kind === 'self'
          ? 'The password is not correct.'
          : 'The username or password is not correct.',
      );
    }
    // A temporary password is known to the administrator who set it: it signs nothing (P11-100a).
    if (auth.passwordChangeDue(user)) {
      throw new EbrError(
        'SIGNER_MUST_CHANGE_PASSWORD',
        `${user.fullName} must change the password (first sign-in, reset or expired) before signing: sign in once and change it.`,
      );
    }
    if (user.status === 'disabled')
      throw new EbrError('ACCOUNT_DISABLED', `The account ${user.username} is disabled.`);
    if (!rolesGrant(user.roles, signPermission(meaning))) {
      throw new EbrError(
        'FORBIDDEN',
        `${user.fullName}'s roles do not allow signing as "${meaningLabels[meaning]}".`,
        { meaning },
      );
    }
    const excluded = rules.distinctFrom?.find((person) => person.userId === user.id);
    if (excluded) {
      throw new EbrError(
        'SIGNER_NOT_DISTINCT',
        `The ${meaning === 'verified' ? 'verifier' : 'signer'} must not be the ${excluded.role}: ask a second person.`,
        { meaning },
      );
    }
    if (rules.qualifications?.length) {
      if (!this.deps.standings) {
        throw new EbrError(
          'NOT_QUALIFIED',
          'This workstation has no training register to check qualifications.',
        );
      }
      this.deps.standings.require(
        { userId: user.id, name: user.fullName },
        rules.qualifications,
        this.deps.clock.now(),
        { meaning },
      );
    }
    return {
      userId: user.id,
      username: user.username,
      fullName: user.fullName,
      statementLanguage: session.language ?? terminalLanguage(),
    };
  }

  /** Inside the caller's audited transaction, with the change it signs. */
  signWithin(
    record: AuditRecorder['record'],
    signer: Signer,
    ref: RecordRef,
    content: unknown,
    meaning: SignatureMeaning,
  ): SignatureView {
    const { terminal, clock, sqlite } = this.deps;
    refuseUnstorableText({ signer, ref, content }, `the "${meaning}" signature`);
    const statementLanguage = signer.statementLanguage ?? 'en';
    const unsigned: Omit<StoredSignature, 'signature'> = {
      id: randomUUID(),
      recordType: ref.type,
      recordId: ref.id,
      meaning,
      signerUserId: signer.userId,
      signerUsername: signer.username,
      signerName: signer.fullName,
      signedAtUtc: toUtcIso(clock.now()),
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      terminalId: terminal.id,
      contentHash: contentHashOf(content),
      keyId: terminal.key.fingerprint,
      statement: meaningStatementIn(meaning, statementLanguage),
      statementLanguage,
    };
    const row: StoredSignature = {
      ...unsigned,
      signature: terminal.key.sign(signedPayload(unsigned)).toString('base64'),
    };
    sqlite
      .prepare(
        `INSERT INTO signatures (id, record_type, record_id, meaning, signer_user_id, signer_username, signer_name, signed_at_utc, time_zone, terminal_id, content_hash, key_id, signature, statement, statement_language)
         VALUES (@id, @recordType, @recordId, @meaning, @signerUserId, @signerUsername, @signerName, @signedAtUtc, @timeZone, @terminalId, @contentHash, @keyId, @signature, @statement, @statementLanguage)`,
      )
      .run(row);
    record({
      action: 'signature.applied',
      entityType: ref.type,
      entityId: ref.id,
      newValue: {
        signatureId: row.id,
        meaning,
        signerUsername: signer.username,
        signerName: signer.fullName,
        contentHash: row.contentHash,
        statement: row.statement,
        statementLanguage,
      },
    });
    return this.view(row, { valid: true, problem: null });
  }

  listFor(ref: RecordRef): SignatureView[] {
    const keys = keyringOf(this.deps.trustedPublicKeys());
    const rows = this.deps.sqlite
      .prepare(
        `SELECT ${columns} FROM signatures WHERE record_type = ? AND record_id = ? ORDER BY signed_at_utc, rowid`,
      )
      .all(ref.type, ref.id) as StoredSignature[];
    return rows.map((row) =>
      this.view(row, verifySignatureRow(row, this.deps.records, keys, this.verifiedSignatures)),
    );
  }

  /** Every signature in the store, verified: for `ebr verify-audit`. */
  verifyAll(): SignaturesReport {
    return verifyAllSignatures(this.deps.sqlite, this.deps.records, this.deps.trustedPublicKeys());
  }

  private terminalName(terminalId: string): string {
    return (
      (this.deps.sqlite.prepare('SELECT name FROM terminals WHERE id = ?').pluck().get(terminalId) as
        string | undefined) ?? terminalId
    );
  }

  private view(row: StoredSignature, verification: SignatureVerification): SignatureView {
    return {
      id: row.id,
      record: { type: row.recordType, id: row.recordId },
      meaning: row.meaning,
      // As signed; a signature from before statements were recorded agreed to the English one.
      statement: row.statement ?? meaningStatements[row.meaning],
      statementLanguage: isLanguage(row.statementLanguage) ? row.statementLanguage : null,
      signerUserId: row.signerUserId,
      signerUsername: row.signerUsername,
      signerName: row.signerName,
      signedAtUtc: row.signedAtUtc,
      timeZone: row.timeZone,
      terminalId: row.terminalId,
      terminalName: this.terminalName(row.terminalId),
      contentHash: row.contentHash,
      keyId: row.keyId,
      verification,
    };
  }
}
