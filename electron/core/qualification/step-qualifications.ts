import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Recipe } from '../../../shared/recipes/recipe-schema';
import { stepQualificationNeeds } from '../../../shared/recipes/recipe-qualifications';
import type { SignatureMeaning } from '../../../shared/signatures';
import type { AuditRecorder } from '../audit/audit-trail';
import { toUtcIso } from '../clock';
import type { HeldQualification, QualificationStandings } from './qualification-standings';

/** One person's qualifications as recorded with a step: the performer, or a signer by meaning. */
export interface StepQualificationRow {
  stepId: string;
  capacity: string;
  userId: string;
  userName: string;
  qualificationCode: string;
  qualificationName: string;
  validUntilUtc: string;
  recordedAtUtc: string;
}

export interface QualifiedPerson {
  capacity: 'performed' | SignatureMeaning;
  userId: string;
  name: string;
}

/**
 * The qualifications a recipe asks of a step's performer and signers (issue 20): checked when the
 * step is started and recorded, and written with the step so the batch record shows what each
 * person held at that time.
 */
export class StepQualifications {
  constructor(
    private readonly sqlite: Database.Database,
    private readonly standings: QualificationStandings,
  ) {}

  /** What a signature with `meaning` on this step requires of the signer (for the signature service). */
  signatureNeeds(recipe: Recipe, stepId: string, meaning: SignatureMeaning): string[] {
    return stepQualificationNeeds(recipe, stepId).signatures[meaning] ?? [];
  }

  /** The performer's qualifications, held now; NOT_QUALIFIED naming the first that is not. */
  checkPerformer(
    recipe: Recipe,
    stepId: string,
    person: { userId: string; name: string },
    nowMs: number,
  ): HeldQualification[] {
    return this.standings.require(person, stepQualificationNeeds(recipe, stepId).performer, nowMs, {
      stepId,
      capacity: 'performed',
    });
  }

  /** Checks everyone again inside the transaction that records the step, and writes what each held. */
  recordWithin(
    record: AuditRecorder['record'],
    batchId: string,
    recipe: Recipe,
    stepId: string,
    people: readonly QualifiedPerson[],
    nowMs: number,
  ): void {
    const needs = stepQualificationNeeds(recipe, stepId);
    const insert = this.sqlite.prepare(
      `INSERT INTO step_qualifications (id, batch_id, step_id, capacity, user_id, user_name, qualification_code, qualification_name, valid_until_utc, recorded_at_utc)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const recorded: { capacity: string; userName: string; qualifications: string[] }[] = [];
    const seen = new Set<string>();
    for (const person of people) {
      // The performer's own "performed" signature is the performer: recorded once.
      const key = `${person.capacity}\n${person.userId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const codes =
        person.capacity === 'performed' ? needs.performer : (needs.signatures[person.capacity] ?? []);
      const held = this.standings.require(person, codes, nowMs, { stepId, capacity: person.capacity });
      for (const qualification of held) {
        insert.run(
          randomUUID(),
          batchId,
          stepId,
          person.capacity,
          person.userId,
          person.name,
          qualification.code,
          qualification.name,
          qualification.validUntilUtc,
          toUtcIso(nowMs),
        );
      }
      if (held.length > 0)
        recorded.push({
          capacity: person.capacity,
          userName: person.name,
          qualifications: held.map(
            (qualification) => `${qualification.code} until ${qualification.validUntilUtc}`,
          ),
        });
    }
    if (recorded.length === 0) return;
    record({
      action: 'batch.qualifications-recorded',
      entityType: 'batch',
      entityId: batchId,
      newValue: { stepId, people: recorded },
    });
  }

  forBatch(batchId: string): StepQualificationRow[] {
    return readStepQualifications(this.sqlite, batchId);
  }
}

/** In the order recorded. */
export function readStepQualifications(sqlite: Database.Database, batchId: string): StepQualificationRow[] {
  return sqlite
    .prepare(
      `SELECT step_id AS stepId, capacity, user_id AS userId, user_name AS userName,
           qualification_code AS qualificationCode, qualification_name AS qualificationName,
           valid_until_utc AS validUntilUtc, recorded_at_utc AS recordedAtUtc
         FROM step_qualifications WHERE batch_id = ? ORDER BY recorded_at_utc, rowid`,
    )
    .all(batchId) as StepQualificationRow[];
}
