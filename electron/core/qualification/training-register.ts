import { createHash, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import type {
  ExpiringQualificationView,
  PersonTrainingView,
  QualificationFields,
  QualificationMatrixView,
  QualificationView,
  SopView,
  StandingView,
  TrainingRecordFile,
  TrainingRecordView,
} from '../../../shared/contract/qualifications';
import type { SignerCredentials } from '../../../shared/contract/signatures';
import { EbrError } from '../../../shared/errors';
import { daysUntil, standingOf, EXPIRING_WITHIN_DAYS } from '../../../shared/qualification/standing';
import type { AuditActor, AuditRecorder, AuditTrail } from '../audit/audit-trail';
import { toUtcIso, type Clock } from '../clock';
import type { SessionRecord } from '../identity/sessions';
import type { UserRecord, UserRecords } from '../identity/user-records';
import type { SignatureService } from '../signatures/signature-service';
import type { QualificationStandings, StoredQualification } from './qualification-standings';
import { renderTrainingRecordPdf } from './training-record-pdf';

export const TRAINING_RECORD = 'training-record';

/** What a training record's signature covers: the record with the SOP version or qualification it names. */
export function readSignedTrainingRecord(sqlite: Database.Database, id: string): unknown {
  return (
    sqlite
      .prepare(
        `SELECT t.id, t.kind, t.user_id AS userId, t.user_name AS userName, d.code AS sopCode, v.version AS sopVersion,
           q.code AS qualificationCode, t.comment, t.recorded_by_user_id AS recordedByUserId,
           t.recorded_by_name AS recordedByName, t.recorded_at_utc AS recordedAtUtc
         FROM training_records t
         LEFT JOIN sop_versions v ON v.id = t.sop_version_id
         LEFT JOIN sop_documents d ON d.id = v.sop_id
         LEFT JOIN qualifications q ON q.id = t.qualification_id
         WHERE t.id = ?`,
      )
      .get(id) ?? undefined
  );
}

export interface TrainingRegisterDeps {
  sqlite: Database.Database;
  audit: AuditTrail;
  signatures: SignatureService;
  users: UserRecords;
  standings: QualificationStandings;
  clock: Clock;
  terminalName: string;
  applicationVersion: string;
}

/** People whose training is tracked: every account but administrators-only and disabled ones. */
function isFloorPerson(user: UserRecord): boolean {
  return user.status === 'active' && user.roles.some((role) => role !== 'administrator');
}

/**
 * The training register (P11-10i, A11-2): SOP versions, qualifications, and the signed records of
 * read-and-understood and practical assessment. Nothing is changed or deleted; every change is audited.
 */
export class TrainingRegister {
  constructor(private readonly deps: TrainingRegisterDeps) {}

  private now(): string {
    return toUtcIso(this.deps.clock.now());
  }

  sops(): SopView[] {
    const documents = this.deps.sqlite
      .prepare('SELECT id, code, title FROM sop_documents ORDER BY code')
      .all() as { id: string; code: string; title: string }[];
    const versionsOf = this.deps.sqlite.prepare(
      'SELECT version, issued_by_name AS issuedByName, issued_at_utc AS issuedAtUtc FROM sop_versions WHERE sop_id = ? ORDER BY issued_at_utc, rowid',
    );
    return documents.map((document) => {
      const versions = versionsOf.all(document.id) as SopView['versions'];
      return {
        code: document.code,
        title: document.title,
        currentVersion: versions.at(-1)?.version ?? '',
        versions,
      };
    });
  }

  /** Issues a version of an SOP (registering the SOP on its first version); the earlier one stops counting. */
  issueSopVersion(
    actor: AuditActor & { userId: string },
    input: { code: string; title: string; version: string; reason: string },
  ): SopView {
    const { sqlite } = this.deps;
    this.deps.audit.change(actor, ({ record }) => {
      let sop = sqlite.prepare('SELECT id, title FROM sop_documents WHERE code = ?').get(input.code) as
        { id: string; title: string } | undefined;
      if (!sop) {
        sop = { id: randomUUID(), title: input.title };
        sqlite
          .prepare(
            'INSERT INTO sop_documents (id, code, title, registered_by_user_id, registered_by_name, registered_at_utc) VALUES (?, ?, ?, ?, ?, ?)',
          )
          .run(sop.id, input.code, input.title, actor.userId, actor.userName, this.now());
        record({
          action: 'sop.registered',
          entityType: 'sop',
          entityId: sop.id,
          newValue: { code: input.code, title: input.title },
          reason: input.reason,
        });
      }
      const exists = sqlite
        .prepare('SELECT 1 FROM sop_versions WHERE sop_id = ? AND version = ?')
        .get(sop.id, input.version);
      if (exists) {
        throw new EbrError('CONFLICT', `${input.code} version ${input.version} is already issued.`, {
          field: 'version',
        });
      }
      const versionId = randomUUID();
      sqlite
        .prepare(
          'INSERT INTO sop_versions (id, sop_id, version, issued_by_user_id, issued_by_name, issued_at_utc) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(versionId, sop.id, input.version, actor.userId, actor.userName, this.now());
      record({
        action: 'sop.version-issued',
        entityType: 'sop',
        entityId: sop.id,
        newValue: { code: input.code, version: input.version, versionId },
        reason: input.reason,
      });
    });
    return this.sops().find((sop) => sop.code === input.code)!;
  }

  private view(qualification: StoredQualification): QualificationView {
    const sops = this.sops();
    return {
      code: qualification.code,
      name: qualification.name,
      requiredSops: qualification.requiredSopCodes.map((code) => {
        const sop = sops.find((candidate) => candidate.code === code);
        return { code, title: sop?.title ?? '', currentVersion: sop?.currentVersion ?? null };
      }),
      assessmentRequired: qualification.assessmentRequired,
      validityMonths: qualification.validityMonths,
      registeredByName: qualification.registeredByName,
      registeredAtUtc: qualification.registeredAtUtc,
    };
  }

  qualifications(): QualificationView[] {
    return this.deps.standings.qualifications().map((qualification) => this.view(qualification));
  }

  registerQualification(
    actor: AuditActor & { userId: string },
    fields: QualificationFields,
    reason: string,
  ): QualificationView {
    const { sqlite, standings } = this.deps;
    const known = this.deps.standings.sops();
    fields.requiredSopCodes.forEach((code, index) => {
      if (!known.get(code)?.currentVersionId) {
        throw new EbrError(
          'VALIDATION_FAILED',
          `requiredSopCodes[${index}]: there is no issued SOP ${code} — issue it first.`,
          { field: `requiredSopCodes.${index}` },
        );
      }
    });
    this.deps.audit.change(actor, ({ record }) => {
      if (standings.qualification(fields.code)) {
        throw new EbrError('CONFLICT', `The qualification code ${fields.code} is already registered.`, {
          field: 'code',
        });
      }
      const id = randomUUID();
      const requiredSopCodes = [...new Set(fields.requiredSopCodes)];
      sqlite
        .prepare(
          `INSERT INTO qualifications (id, code, name, required_sop_codes, assessment_required, validity_months, registered_by_user_id, registered_by_name, registered_at_utc)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          fields.code,
          fields.name,
          JSON.stringify(requiredSopCodes),
          fields.assessmentRequired ? 1 : 0,
          fields.validityMonths,
          actor.userId,
          actor.userName,
          this.now(),
        );
      record({
        action: 'qualification.registered',
        entityType: 'qualification',
        entityId: id,
        newValue: { ...fields, requiredSopCodes },
        reason,
      });
    });
    return this.view(standings.qualification(fields.code)!);
  }

  private insertRecord(
    record: AuditRecorder['record'],
    row: {
      kind: 'read-and-understood' | 'assessment';
      person: { userId: string; name: string };
      sopVersionId: string | null;
      qualificationId: string | null;
      comment: string;
      recordedBy: { userId: string; name: string };
    },
  ): string {
    const id = randomUUID();
    this.deps.sqlite
      .prepare(
        `INSERT INTO training_records (id, kind, user_id, user_name, sop_version_id, qualification_id, comment, recorded_by_user_id, recorded_by_name, recorded_at_utc)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        row.kind,
        row.person.userId,
        row.person.name,
        row.sopVersionId,
        row.qualificationId,
        row.comment,
        row.recordedBy.userId,
        row.recordedBy.name,
        this.now(),
      );
    record({
      action: row.kind === 'assessment' ? 'training.assessed' : 'training.read-and-understood',
      entityType: 'user',
      entityId: row.person.userId,
      newValue: readSignedTrainingRecord(this.deps.sqlite, id),
    });
    return id;
  }

  /**
   * A read-and-understood: the trainee signs "trained" on the SOP's current version, at the
   * trainer's terminal (their own username and password) or in their own session.
   */
  async recordReadAndUnderstood(
    session: SessionRecord,
    input: { sopCode: string; trainee: SignerCredentials; comment: string },
  ): Promise<PersonTrainingView> {
    const current = () => {
      const sop = this.deps.standings.sops().get(input.sopCode);
      if (!sop?.currentVersionId)
        throw new EbrError('NOT_FOUND', `There is no issued SOP ${input.sopCode}.`, { field: 'sopCode' });
      return sop;
    };
    current();
    const trainee = await this.deps.signatures.authenticate(session, input.trainee, 'trained');
    this.deps.audit.change({ userId: session.userId, userName: session.fullName }, ({ record }) => {
      const sop = current();
      const id = this.insertRecord(record, {
        kind: 'read-and-understood',
        person: { userId: trainee.userId, name: trainee.fullName },
        sopVersionId: sop.currentVersionId,
        qualificationId: null,
        comment: input.comment,
        recordedBy: { userId: session.userId, name: session.fullName },
      });
      this.deps.signatures.signWithin(
        record,
        trainee,
        { type: TRAINING_RECORD, id },
        readSignedTrainingRecord(this.deps.sqlite, id),
        'trained',
      );
    });
    return this.person(trainee.userId);
  }

  /** A practical assessment: the trainer signs "assessed"; no one assesses themselves. */
  async recordAssessment(
    session: SessionRecord,
    input: { userId: string; qualificationCode: string; comment: string; credentials: SignerCredentials },
  ): Promise<PersonTrainingView> {
    const person = this.deps.users.find(input.userId);
    if (!person) throw new EbrError('NOT_FOUND', 'There is no such person.', { field: 'userId' });
    const qualification = this.deps.standings.qualification(input.qualificationCode);
    if (!qualification) {
      throw new EbrError('NOT_FOUND', `There is no qualification ${input.qualificationCode}.`, {
        field: 'qualificationCode',
      });
    }
    if (!qualification.assessmentRequired) {
      throw new EbrError(
        'CONFLICT',
        `'${qualification.name}' requires no practical assessment: its SOPs read and understood are enough.`,
      );
    }
    const trainer = await this.deps.signatures.authenticate(session, input.credentials, 'assessed', {
      distinctFrom: [{ userId: person.id, role: 'person assessed' }],
    });
    this.deps.audit.change({ userId: trainer.userId, userName: trainer.fullName }, ({ record }) => {
      const id = this.insertRecord(record, {
        kind: 'assessment',
        person: { userId: person.id, name: person.fullName },
        sopVersionId: null,
        qualificationId: qualification.id,
        comment: input.comment,
        recordedBy: { userId: trainer.userId, name: trainer.fullName },
      });
      this.deps.signatures.signWithin(
        record,
        trainer,
        { type: TRAINING_RECORD, id },
        readSignedTrainingRecord(this.deps.sqlite, id),
        'assessed',
      );
    });
    return this.person(person.id);
  }

  private standingsOf(userId: string, nowMs: number): StandingView[] {
    const sops = this.deps.standings.sops();
    const records = this.deps.standings.recordsOf(userId);
    return this.deps.standings
      .qualifications()
      .map((rule) => ({ code: rule.code, name: rule.name, ...standingOf(rule, sops, records, nowMs) }));
  }

  person(userId: string): PersonTrainingView {
    const user = this.deps.users.find(userId);
    if (!user) throw new EbrError('NOT_FOUND', 'There is no such person.', { field: 'userId' });
    const rows = this.deps.sqlite
      .prepare(
        `SELECT t.id, t.kind, d.code AS sopCode, v.version AS sopVersion, q.name AS qualificationName, t.comment,
           s.signer_name AS signerName, t.recorded_by_name AS recordedByName, t.recorded_at_utc AS recordedAtUtc
         FROM training_records t
         LEFT JOIN sop_versions v ON v.id = t.sop_version_id
         LEFT JOIN sop_documents d ON d.id = v.sop_id
         LEFT JOIN qualifications q ON q.id = t.qualification_id
         LEFT JOIN signatures s ON s.record_type = '${TRAINING_RECORD}' AND s.record_id = t.id
         WHERE t.user_id = ? ORDER BY t.recorded_at_utc, t.rowid`,
      )
      .all(userId) as (Omit<TrainingRecordView, 'subject'> & {
      sopCode: string | null;
      sopVersion: string | null;
      qualificationName: string | null;
    })[];
    return {
      userId: user.id,
      fullName: user.fullName,
      username: user.username,
      roles: user.roles,
      standings: this.standingsOf(user.id, this.deps.clock.now()),
      records: rows.map(({ sopCode, sopVersion, qualificationName, ...row }) => ({
        ...row,
        subject: row.kind === 'assessment' ? (qualificationName ?? '') : `${sopCode} version ${sopVersion}`,
      })),
    };
  }

  personPdf(userId: string, printedBy: string): TrainingRecordFile {
    const person = this.person(userId);
    const { bytes, pageCount } = renderTrainingRecordPdf({
      person,
      generatedAtUtc: this.now(),
      generatedBy: printedBy,
      terminalName: this.deps.terminalName,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      applicationVersion: this.deps.applicationVersion,
    });
    return {
      fileName: `training-record-${person.username}.pdf`,
      mediaType: 'application/pdf',
      base64: bytes.toString('base64'),
      sha256: createHash('sha256').update(bytes).digest('hex'),
      byteLength: bytes.length,
      pageCount,
    };
  }

  matrix(): QualificationMatrixView {
    const nowMs = this.deps.clock.now();
    return {
      qualifications: this.deps.standings
        .qualifications()
        .map((qualification) => ({ code: qualification.code, name: qualification.name })),
      people: this.deps.users
        .list()
        .filter(isFloorPerson)
        .map((user) => ({
          userId: user.id,
          fullName: user.fullName,
          roles: user.roles,
          standings: this.standingsOf(user.id, nowMs).map(({ code, state, expiresOn }) => ({
            code,
            state,
            expiresOn,
          })),
        })),
    };
  }

  /** Qualifications held now that expire within `withinDays` (start pages of supervisors and administrators). */
  expiring(withinDays = EXPIRING_WITHIN_DAYS): ExpiringQualificationView[] {
    const nowMs = this.deps.clock.now();
    const soon: ExpiringQualificationView[] = [];
    for (const user of this.deps.users.list().filter(isFloorPerson)) {
      for (const standing of this.standingsOf(user.id, nowMs)) {
        if (standing.state !== 'qualified' && standing.state !== 'expiring') continue;
        const daysLeft = daysUntil(standing.validUntilUtc!, nowMs);
        if (daysLeft > withinDays) continue;
        soon.push({
          userId: user.id,
          fullName: user.fullName,
          code: standing.code,
          name: standing.name,
          expiresOn: standing.expiresOn!,
          daysLeft,
        });
      }
    }
    return soon.sort((a, b) => a.daysLeft - b.daysLeft || a.fullName.localeCompare(b.fullName));
  }
}
