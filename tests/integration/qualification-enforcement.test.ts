/**
 * Only qualified people perform and sign (P11-10i, A11-2), through the channels on a real encrypted
 * store: a recipe naming unknown qualifications is not approved; a step is refused to an operator
 * never trained, to one whose SOP was revised, to one whose qualification expired; allowed after
 * training; a "verified" signature is refused to an unqualified verifier; every refusal is audited,
 * nothing else is written; the batch record keeps what each person held.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchView } from '../../shared/contract/batches';
import type {
  PersonTrainingView,
  QualificationMatrixView,
  TrainingRecordFile,
} from '../../shared/contract/qualifications';
import type { RecordFile } from '../../shared/contract/records';
import type { RecipeVersionView } from '../../shared/contract/recipes';
import { createBatch } from '../helpers/batch-setup';
import { signIn, temporaryFolder } from '../helpers/fresh-app';
import { auditRowsAfter, expectError, json, lastAuditSeq, USER_PASSWORD, value } from '../helpers/identity';
import {
  importAndSubmit,
  issueSop,
  qualificationFloor,
  qualifiedRecipeBytes,
  recordAssessment,
  recordRead,
  registerQualification,
  type QualificationFloor,
} from '../helpers/qualification-floor';

let floor: QualificationFloor;

const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'screenshots', 'pdf');

/** The PDF's text as poppler reads it, white space runs made one space; kept in screenshots/pdf/ to look at. */
function pdfText(base64: string, name: string): string {
  const folder = temporaryFolder('ebr-qual-pdf-');
  const file = join(folder, 'record.pdf');
  writeFileSync(file, Buffer.from(base64, 'base64'));
  const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
  mkdirSync(SCREENSHOTS, { recursive: true });
  copyFileSync(file, join(SCREENSHOTS, `${name}.pdf`));
  rmSync(folder, { recursive: true, force: true });
  return text.replace(/\s+/g, ' ');
}
let recipe: RecipeVersionView;
let batch: BatchView;
const DAY_MS = 24 * 60 * 60 * 1000;

const lineClearance = { type: 'check', checked: [true, true, true] };

function completeLineClearance(batchId: string, verifier = floor.sven) {
  return floor.lena.connection.invoke('batches.completeStep', {
    batchId,
    stepId: 'line_clearance',
    input: lineClearance,
    signatures: [
      { meaning: 'performed', credentials: { kind: 'self', password: floor.lena.password } },
      {
        meaning: 'verified',
        credentials: { kind: 'cosigner', username: verifier.user.username, password: verifier.password },
      },
    ],
  });
}

function stepQualificationRows(batchId: string) {
  return floor.fresh.app
    .runtime!.store.sqlite.prepare(
      'SELECT step_id AS stepId, capacity, user_name AS userName, qualification_code AS code, valid_until_utc AS validUntilUtc FROM step_qualifications WHERE batch_id = ? ORDER BY rowid',
    )
    .all(batchId);
}

/** A refusal crossed the boundary as NOT_QUALIFIED, was audited once, and nothing else was written. */
async function expectRefused(
  call: () => Promise<Parameters<typeof expectError>[0]>,
  message: string,
  details: Record<string, unknown>,
) {
  const before = lastAuditSeq(floor.fresh.app);
  const error = expectError(await call(), 'NOT_QUALIFIED');
  expect(error.message).toBe(message);
  // The audit row also says what was attempted; the error names only the refusal.
  const { attempted: _attempted, ...refusal } = details;
  expect(error.details).toMatchObject(refusal);
  const rows = auditRowsAfter(floor.fresh.app, before);
  expect(rows.map((row) => row.action)).toEqual(['batch.qualification-refused']);
  expect(rows[0]!.reason).toBe(message);
  expect(json(rows[0]!.new_value)).toMatchObject(details);
}

beforeAll(async () => {
  floor = await qualificationFloor();
}, 240_000);

afterAll(async () => {
  await floor.fresh.cleanup();
});

describe('qualifications named by a recipe', () => {
  it('are checked against the register at approval, each unknown code with its path', async () => {
    const imported = await importAndSubmit(floor.sven.connection, qualifiedRecipeBytes());
    const error = expectError(
      await floor.quinn.connection.invoke('recipes.approve', {
        versionId: imported.id,
        comment: 'Reviewed',
        credentials: { kind: 'self', password: floor.quinn.password },
      }),
      'VALIDATION_FAILED',
    );
    expect(error.details).toEqual({
      problems: [
        {
          path: 'procedure.operations[0].qualifications[0]',
          message: 'the qualification GOWNING is not in the training register',
        },
        {
          path: 'procedure.operations[0].steps[1].qualifications[0]',
          message: 'the qualification LINE-CLR is not in the training register',
        },
        {
          path: 'procedure.operations[0].steps[1].signatures[1].qualifications[0]',
          message: 'the qualification LINE-CLR is not in the training register',
        },
      ],
    });
    expect(
      value<RecipeVersionView>(await floor.sven.connection.invoke('recipes.get', { versionId: imported.id }))
        .status,
    ).toBe('in-review');

    const tara = floor.tara.connection;
    await issueSop(tara, 'SOP-GOW-002', 'Gowning for grade C', '1');
    await issueSop(tara, 'SOP-LC-001', 'Line clearance', '1');
    await registerQualification(tara, {
      code: 'GOWNING',
      name: 'Gowning',
      requiredSopCodes: ['SOP-GOW-002'],
      assessmentRequired: false,
      validityMonths: 1,
    });
    await registerQualification(tara, {
      code: 'LINE-CLR',
      name: 'Line clearance',
      requiredSopCodes: ['SOP-LC-001'],
      assessmentRequired: true,
      validityMonths: 12,
    });
    value(
      await floor.quinn.connection.invoke('recipes.approve', {
        versionId: imported.id,
        comment: 'Reviewed',
        credentials: { kind: 'self', password: floor.quinn.password },
      }),
    );
    recipe = value<RecipeVersionView>(
      await floor.quinn.connection.invoke('recipes.makeEffective', {
        versionId: imported.id,
        reason: 'Approved',
      }),
    );
    batch = await createBatch(floor.sven.connection, recipe, 'B2026-0700');
    value(await floor.lena.connection.invoke('batches.start', { batchId: batch.id }));
  });
});

describe('a step', () => {
  it('is refused to an operator never trained, naming the qualification and what is missing', async () => {
    await expectRefused(
      () => floor.lena.connection.invoke('batches.startStep', { batchId: batch.id, stepId: 'start' }),
      "Lena Berg is not qualified for 'Gowning': no read-and-understood of SOP-GOW-002 version 1 — ask a trainer",
      { attempted: 'start-step', stepId: 'start', qualification: 'GOWNING', state: 'missing' },
    );
    const view = value<BatchView>(await floor.lena.connection.invoke('batches.get', { batchId: batch.id }));
    expect(view.steps.find((step) => step.id === 'start')!.status).toBe('pending');
  });

  it('is allowed once the trainee signed "trained" on the SOP at the trainer\'s terminal', async () => {
    const person = value<PersonTrainingView>(
      await recordRead(floor.tara.connection, 'SOP-GOW-002', floor.lena),
    );
    expect(person.records).toMatchObject([
      {
        kind: 'read-and-understood',
        subject: 'SOP-GOW-002 version 1',
        signerName: 'Lena Berg',
        recordedByName: 'Tara Tester',
      },
    ]);
    expect(person.standings.find((standing) => standing.code === 'GOWNING')).toMatchObject({
      state: 'expiring',
      expiresOn: '2026-12-02',
    });
    value(await floor.lena.connection.invoke('batches.startStep', { batchId: batch.id, stepId: 'start' }));
    value(
      await floor.lena.connection.invoke('batches.completeStep', {
        batchId: batch.id,
        stepId: 'start',
        input: { type: 'instruction', acknowledged: true },
        signatures: [],
      }),
    );
    expect(stepQualificationRows(batch.id)).toEqual([
      {
        stepId: 'start',
        capacity: 'performed',
        userName: 'Lena Berg',
        code: 'GOWNING',
        validUntilUtc: '2026-12-02T08:00:00.000Z',
      },
    ]);
  });

  it('needs a practical assessment too when the qualification asks for one', async () => {
    await expectRefused(
      () =>
        floor.lena.connection.invoke('batches.startStep', { batchId: batch.id, stepId: 'line_clearance' }),
      "Lena Berg is not qualified for 'Line clearance': no read-and-understood of SOP-LC-001 version 1; no practical assessment by a trainer — ask a trainer",
      { stepId: 'line_clearance', qualification: 'LINE-CLR', state: 'missing' },
    );
    value(await recordRead(floor.tara.connection, 'SOP-LC-001', floor.lena));
    await expectRefused(
      () =>
        floor.lena.connection.invoke('batches.startStep', { batchId: batch.id, stepId: 'line_clearance' }),
      "Lena Berg is not qualified for 'Line clearance': no practical assessment by a trainer — ask a trainer",
      { qualification: 'LINE-CLR', state: 'missing' },
    );
    await recordAssessment(floor.tara, 'LINE-CLR', floor.lena);
    value(
      await floor.lena.connection.invoke('batches.startStep', {
        batchId: batch.id,
        stepId: 'line_clearance',
      }),
    );
  });
});

describe('a "verified" signature', () => {
  it('is refused to a verifier without the qualification the recipe asks of it, audited, nothing recorded', async () => {
    await expectRefused(
      () => completeLineClearance(batch.id),
      "Sven Tester is not qualified for 'Line clearance': no read-and-understood of SOP-LC-001 version 1; no practical assessment by a trainer — ask a trainer",
      {
        attempted: 'sign-verified',
        stepId: 'line_clearance',
        qualification: 'LINE-CLR',
        meaning: 'verified',
      },
    );
    const view = value<BatchView>(await floor.lena.connection.invoke('batches.get', { batchId: batch.id }));
    expect(view.steps.find((step) => step.id === 'line_clearance')!.status).toBe('in-progress');
  });

  it('is accepted from a trained and assessed verifier; the record keeps what each person held', async () => {
    value(await recordRead(floor.tara.connection, 'SOP-LC-001', floor.sven));
    await recordAssessment(floor.tara, 'LINE-CLR', floor.sven);
    value(await completeLineClearance(batch.id));
    expect(stepQualificationRows(batch.id).slice(1)).toEqual([
      {
        stepId: 'line_clearance',
        capacity: 'performed',
        userName: 'Lena Berg',
        code: 'GOWNING',
        validUntilUtc: '2026-12-02T08:00:00.000Z',
      },
      {
        stepId: 'line_clearance',
        capacity: 'performed',
        userName: 'Lena Berg',
        code: 'LINE-CLR',
        validUntilUtc: '2027-11-02T08:00:00.000Z',
      },
      {
        stepId: 'line_clearance',
        capacity: 'verified',
        userName: 'Sven Tester',
        code: 'LINE-CLR',
        validUntilUtc: '2027-11-02T08:00:00.000Z',
      },
    ]);
  });

  it("is shown with each person's qualifications in the batch record's signatures chapter", async () => {
    const file = value<RecordFile>(
      await floor.sven.connection.invoke('records.batchPdf', { batchId: batch.id }),
    );
    const text = pdfText(file.base64, 'qualification-batch-record');
    const chapter = text.slice(text.indexOf('Qualifications of performers and signers'));
    expect(chapter).toContain('Qualifications of performers and signers');
    expect(chapter).toMatch(/2\. Line clearance Lena Berg Performer Line clearance \(LINE-CLR\) 2027-11-02/);
    expect(chapter).toMatch(/2\. Line clearance Sven Tester Verified Line clearance \(LINE-CLR\) 2027-11-02/);
    expect(chapter).toMatch(
      /1\. Read the batch instructions Lena Berg Performer Gowning \(GOWNING\) 2026-12-02/,
    );
  });

  it("a person's training record prints as PDF with every signed record", async () => {
    const file = value<TrainingRecordFile>(
      await floor.sven.connection.invoke('training.personPdf', { userId: floor.lena.user.id }),
    );
    expect(file.fileName).toBe('training-record-lena.pdf');
    const text = pdfText(file.base64, 'qualification-training-record');
    expect(text).toContain('Training record — Lena Berg');
    expect(text).toMatch(
      /Read and understood \("trained"\) SOP-GOW-002 version 1 Lena Berg recorded by Tara Tester/,
    );
    expect(text).toMatch(
      /Practical assessment \("assessed"\) Line clearance Tara Tester recorded by Tara Tester/,
    );
    expect(text).toMatch(/Line clearance LINE-CLR qualified 2027-11-02/);
  });

  it("cannot be the trainer's own assessment of themselves", async () => {
    const error = expectError(
      await floor.tara.connection.invoke('training.recordAssessment', {
        userId: floor.tara.user.id,
        qualificationCode: 'LINE-CLR',
        comment: 'Self assessment',
        credentials: { kind: 'self', password: floor.tara.password },
      }),
      'SIGNER_NOT_DISTINCT',
    );
    expect(error.message).toBe('The signer must not be the person assessed: ask a second person.');
  });
});

describe('a revised SOP and an expired qualification', () => {
  it('a new SOP version makes the earlier read-and-understood insufficient', async () => {
    await issueSop(floor.tara.connection, 'SOP-LC-001', 'Line clearance', '2');
    const second = await createBatch(floor.sven.connection, recipe, 'B2026-0701');
    value(await floor.lena.connection.invoke('batches.start', { batchId: second.id }));
    value(await floor.lena.connection.invoke('batches.startStep', { batchId: second.id, stepId: 'start' }));
    value(
      await floor.lena.connection.invoke('batches.completeStep', {
        batchId: second.id,
        stepId: 'start',
        input: { type: 'instruction', acknowledged: true },
        signatures: [],
      }),
    );
    await expectRefused(
      () =>
        floor.lena.connection.invoke('batches.startStep', { batchId: second.id, stepId: 'line_clearance' }),
      "Lena Berg's qualification 'Line clearance' is no longer valid: SOP-LC-001 was revised to version 2 and has not been read and understood — ask a trainer",
      { qualification: 'LINE-CLR', state: 'sop-revised' },
    );
    value(await recordRead(floor.tara.connection, 'SOP-LC-001', floor.lena));
    value(
      await floor.lena.connection.invoke('batches.startStep', {
        batchId: second.id,
        stepId: 'line_clearance',
      }),
    );
  });

  it('an expired qualification refuses the step with its expiry date; training again restores it', async () => {
    const matrixBefore = value<QualificationMatrixView>(
      await floor.sven.connection.invoke('training.matrix', {}),
    );
    expect(matrixBefore.people.find((person) => person.fullName === 'Lena Berg')!.standings).toEqual([
      { code: 'GOWNING', state: 'expiring', expiresOn: '2026-12-02' },
      { code: 'LINE-CLR', state: 'qualified', expiresOn: '2027-11-02' },
    ]);
    floor.fresh.clock.advance(31 * DAY_MS);
    const lena = (await signIn(floor.fresh.app, 'lena', USER_PASSWORD)).connection;
    const sven = (await signIn(floor.fresh.app, 'sven', USER_PASSWORD)).connection;
    const tara = (await signIn(floor.fresh.app, 'tara', USER_PASSWORD)).connection;
    floor.lena.connection = lena;
    const third = await createBatch(sven, recipe, 'B2026-0702');
    value(await lena.invoke('batches.start', { batchId: third.id }));
    await expectRefused(
      () => lena.invoke('batches.startStep', { batchId: third.id, stepId: 'start' }),
      "Lena Berg's qualification 'Gowning' expired on 2026-12-02 — ask a trainer",
      { qualification: 'GOWNING', state: 'expired', expiredOn: '2026-12-02' },
    );
    const matrix = value<QualificationMatrixView>(await sven.invoke('training.matrix', {}));
    expect(matrix.people.find((person) => person.fullName === 'Lena Berg')!.standings[0]).toEqual({
      code: 'GOWNING',
      state: 'expired',
      expiresOn: '2026-12-02',
    });
    // The batch record still shows what Lena held when she performed the first batch's steps.
    expect(stepQualificationRows(batch.id)[0]).toMatchObject({
      code: 'GOWNING',
      validUntilUtc: '2026-12-02T08:00:00.000Z',
    });
    value(await recordRead(tara, 'SOP-GOW-002', { ...floor.lena, connection: lena }));
    value(await lena.invoke('batches.startStep', { batchId: third.id, stepId: 'start' }));
  });

  it('training records are never changed or deleted, even by a direct write', () => {
    const sqlite = floor.fresh.app.runtime!.store.sqlite;
    expect(() => sqlite.prepare('DELETE FROM training_records').run()).toThrow(/append-only: DELETE refused/);
    expect(() => sqlite.prepare("UPDATE training_records SET comment = 'x'").run()).toThrow(
      /append-only: UPDATE refused/,
    );
    expect(() => sqlite.prepare('DELETE FROM step_qualifications').run()).toThrow(/append-only/);
  });
});
