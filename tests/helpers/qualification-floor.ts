/**
 * A store where a trainer keeps the training register and a recipe asks for qualifications:
 * the demo blend with "Gowning" on its preparation operation and "Line clearance" on the line
 * clearance step, whose "verified" signature needs a qualified verifier too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection } from '../../electron/core/app';
import type { PersonTrainingView, QualificationView, SopView } from '../../shared/contract/qualifications';
import type { RecipeVersionView } from '../../shared/contract/recipes';
import type { Result } from '../../shared/errors';
import { batchFloor, SAMPLE_RECIPES, type BatchFloor } from './batch-setup';
import { signIn } from './fresh-app';
import {
  activeUser,
  createUser,
  TEMPORARY_PASSWORD,
  USER_PASSWORD,
  value,
  type SignedInUser,
} from './identity';

export interface QualificationFloor extends BatchFloor {
  /** Tara: trainer. Lena Berg: the operator who is trained during the test. */
  tara: SignedInUser;
  lena: SignedInUser;
}

export async function qualificationFloor(): Promise<QualificationFloor> {
  const floor = await batchFloor([]);
  const tara = await activeUser(floor.fresh.app, floor.admin, 'tara', ['trainer']);
  const user = await createUser(floor.admin, 'lena', ['operator'], { fullName: 'Lena Berg' });
  const { connection, session } = await signIn(floor.fresh.app, 'lena', TEMPORARY_PASSWORD, USER_PASSWORD);
  return { ...floor, tara, lena: { user, connection, session, password: USER_PASSWORD } };
}

/** The demo blend asking for GOWNING (operation) and LINE-CLR (step and its verifier). */
export function qualifiedRecipeBytes(versionLabel = '2.0-q'): Buffer {
  const recipe = JSON.parse(readFileSync(join(SAMPLE_RECIPES, 'demo-tablet-blend.json'), 'utf8'));
  recipe.header.versionLabel = versionLabel;
  const preparation = recipe.procedure.operations[0];
  preparation.qualifications = ['GOWNING'];
  const lineClearance = preparation.steps.find((step: { id: string }) => step.id === 'line_clearance');
  lineClearance.qualifications = ['LINE-CLR'];
  const verified = lineClearance.signatures.find((need: { meaning: string }) => need.meaning === 'verified');
  verified.qualifications = ['LINE-CLR'];
  return Buffer.from(JSON.stringify(recipe, null, 2));
}

export async function importAndSubmit(author: Connection, bytes: Buffer): Promise<RecipeVersionView> {
  const imported = value<RecipeVersionView>(
    await author.invoke('recipes.import', {
      fileName: 'qualified-blend.json',
      base64: bytes.toString('base64'),
    }),
  );
  value(await author.invoke('recipes.submit', { versionId: imported.id, reason: 'Ready for review' }));
  return imported;
}

export async function issueSop(trainer: Connection, code: string, title: string, version: string) {
  return value<SopView>(
    await trainer.invoke('sops.issueVersion', { code, title, version, reason: 'Issued by document control' }),
  );
}

export async function registerQualification(
  trainer: Connection,
  fields: {
    code: string;
    name: string;
    requiredSopCodes: string[];
    assessmentRequired: boolean;
    validityMonths: number;
  },
) {
  return value<QualificationView>(
    await trainer.invoke('qualifications.register', { fields, reason: 'Curriculum approved by QA' }),
  );
}

/** The trainee signs "trained" at the trainer's terminal with their own username and password. */
export function recordRead(
  trainer: Connection,
  sopCode: string,
  trainee: SignedInUser,
): Promise<Result<unknown>> {
  return trainer.invoke('training.recordRead', {
    sopCode,
    trainee: { kind: 'cosigner', username: trainee.user.username, password: trainee.password },
    comment: 'Read with the trainer',
  });
}

export async function recordAssessment(
  trainer: SignedInUser,
  qualificationCode: string,
  person: SignedInUser,
): Promise<PersonTrainingView> {
  return value<PersonTrainingView>(
    await trainer.connection.invoke('training.recordAssessment', {
      userId: person.user.id,
      qualificationCode,
      comment: 'Observed a complete line clearance',
      credentials: { kind: 'self', password: trainer.password },
    }),
  );
}
