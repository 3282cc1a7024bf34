import type Database from 'better-sqlite3-multiple-ciphers';
import { EbrError } from '../../../shared/errors';
import {
  isHeld,
  notQualifiedMessage,
  standingOf,
  type PersonRecord,
  type QualificationRule,
  type SopCurrent,
  type Standing,
} from '../../../shared/qualification/standing';

/** A qualification a person held when checked: recorded with the step it allowed. */
export interface HeldQualification {
  code: string;
  name: string;
  validUntilUtc: string;
}

export interface StoredQualification extends QualificationRule {
  id: string;
  registeredByName: string;
  registeredAtUtc: string;
}

interface QualificationRow {
  id: string;
  code: string;
  name: string;
  requiredSopCodes: string;
  assessmentRequired: number;
  validityMonths: number;
  registeredByName: string;
  registeredAtUtc: string;
}

const qualificationColumns = `id, code, name, required_sop_codes AS requiredSopCodes,
  assessment_required AS assessmentRequired, validity_months AS validityMonths,
  registered_by_name AS registeredByName, registered_at_utc AS registeredAtUtc`;

function toQualification(row: QualificationRow): StoredQualification {
  return {
    ...row,
    requiredSopCodes: JSON.parse(row.requiredSopCodes) as string[],
    assessmentRequired: row.assessmentRequired === 1,
  };
}

/**
 * Reads the training register and answers whether people hold qualifications now (A11-2). Used by
 * the batch engine's service and the signature service to refuse; it never writes.
 */
export class QualificationStandings {
  constructor(private readonly sqlite: Database.Database) {}

  qualifications(): StoredQualification[] {
    return (
      this.sqlite
        .prepare(`SELECT ${qualificationColumns} FROM qualifications ORDER BY code`)
        .all() as QualificationRow[]
    ).map(toQualification);
  }

  qualification(code: string): StoredQualification | null {
    const row = this.sqlite
      .prepare(`SELECT ${qualificationColumns} FROM qualifications WHERE code = ?`)
      .get(code) as QualificationRow | undefined;
    return row ? toQualification(row) : null;
  }

  /** Each SOP with its current (latest issued) version. */
  sops(): Map<string, SopCurrent> {
    const rows = this.sqlite
      .prepare(
        `SELECT d.code, v.version AS currentVersion, v.id AS currentVersionId
         FROM sop_documents d
         LEFT JOIN sop_versions v ON v.id = (
           SELECT id FROM sop_versions WHERE sop_id = d.id ORDER BY issued_at_utc DESC, rowid DESC LIMIT 1)`,
      )
      .all() as SopCurrent[];
    return new Map(rows.map((row) => [row.code, row]));
  }

  recordsOf(userId: string): PersonRecord[] {
    return this.sqlite
      .prepare(
        `SELECT t.kind, d.code AS sopCode, t.sop_version_id AS sopVersionId, q.code AS qualificationCode,
           t.recorded_at_utc AS recordedAtUtc
         FROM training_records t
         LEFT JOIN sop_versions v ON v.id = t.sop_version_id
         LEFT JOIN sop_documents d ON d.id = v.sop_id
         LEFT JOIN qualifications q ON q.id = t.qualification_id
         WHERE t.user_id = ?
         ORDER BY t.recorded_at_utc, t.rowid`,
      )
      .all(userId) as PersonRecord[];
  }

  standing(userId: string, rule: QualificationRule, nowMs: number): Standing {
    return standingOf(rule, this.sops(), this.recordsOf(userId), nowMs);
  }

  /** Codes not in the register, in the order given. */
  unknownCodes(codes: readonly string[]): string[] {
    const known = new Set(this.qualifications().map((qualification) => qualification.code));
    return [...new Set(codes)].filter((code) => !known.has(code));
  }

  /**
   * The qualifications `codes` name, each held by the person now; otherwise NOT_QUALIFIED naming
   * the first one that is not, and its state. No override: only training changes the answer.
   */
  require(
    person: { userId: string; name: string },
    codes: readonly string[],
    nowMs: number,
    details: Record<string, unknown> = {},
  ): HeldQualification[] {
    const held: HeldQualification[] = [];
    if (codes.length === 0) return held;
    const sops = this.sops();
    const records = this.recordsOf(person.userId);
    for (const code of [...new Set(codes)]) {
      const rule = this.qualification(code);
      if (!rule) {
        throw new EbrError(
          'NOT_QUALIFIED',
          `The qualification ${code} is not in the training register: no one holds it — ask a trainer to register it`,
          { ...details, qualification: code, state: 'missing', userId: person.userId },
        );
      }
      const standing = standingOf(rule, sops, records, nowMs);
      if (!isHeld(standing.state)) {
        throw new EbrError('NOT_QUALIFIED', notQualifiedMessage(person.name, rule, standing), {
          ...details,
          qualification: code,
          state: standing.state,
          userId: person.userId,
          ...(standing.expiresOn && { expiredOn: standing.expiresOn }),
        });
      }
      held.push({ code, name: rule.name, validUntilUtc: standing.validUntilUtc! });
    }
    return held;
  }
}
