/**
 * QA review by exception and release (A11-9, A11-15, P11-10f, P11-50a) over a real encrypted
 * store, through connections: the realistic wet-granulation batch executed with manual weighings,
 * a deviation, an override and a correction is queued for QA; release is refused while any item
 * is open, while the audit trail is not reviewed, while a signature fails, and for anyone but QA;
 * after release the batch is locked and every change channel refuses, audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchView } from '../../shared/contract/batches';
import type { ReleaseTime, ReviewQueueItem, ReviewView } from '../../shared/contract/review';
import type { AuditVerificationReport } from '../../shared/contract/audit';
import {
  executeBatch,
  recordFloor,
  waitMinutes,
  WET_GRANULATION,
  type RecordFloor,
} from '../helpers/executed-batch';
import { auditRowsAfter, expectError, lastAuditSeq, value } from '../helpers/identity';

const DEMO = 'demo-tablet-blend.json';
let floor: RecordFloor;
let batch: BatchView;

const qa = () => floor.quinn.connection;
const qaSelf = () => ({ kind: 'self' as const, password: floor.quinn.password });

async function dispositionAll(review: ReviewView): Promise<ReviewView> {
  let current = review;
  for (const item of review.items) {
    const investigate = item.exception?.handling === 'override';
    current = value<ReviewView>(
      await qa().invoke('review.disposition', {
        batchId: review.batch.id,
        itemKey: item.key,
        decision: investigate ? 'investigation' : 'accepted',
        comment: investigate
          ? 'Second LOD sample conforms; see investigation'
          : 'Reviewed: no impact on quality',
        ...(investigate && { reference: 'DEV-2026-0117' }),
        credentials: qaSelf(),
      }),
    );
  }
  return current;
}

beforeAll(async () => {
  floor = await recordFloor([WET_GRANULATION, DEMO]);
  batch = await executeBatch(floor, WET_GRANULATION, 'PCM-2026-0412');
}, 300_000);
afterAll(async () => floor?.fresh.cleanup());

describe('review by exception', () => {
  it('queues the executed batch for QA with counts of what is not routine', async () => {
    expect(batch.status).toBe('execution-complete');
    const queue = value<ReviewQueueItem[]>(await qa().invoke('review.queue', {}));
    const entry = queue.find((item) => item.batch.id === batch.id)!;
    expect(entry.auditReviewed).toBe(false);
    expect(entry.counts.corrections).toBe(1);
    expect(entry.counts.deviations).toBe(1);
    expect(entry.counts.overrides).toBe(1);
    expect(entry.counts.manualEntries).toBeGreaterThanOrEqual(7);
    expect(entry.counts.openItems).toBe(entry.counts.exceptions + entry.counts.corrections);
    expect(entry.counts.invalidSignatures).toBe(0);
    expectError(await floor.sven.connection.invoke('review.queue', {}), 'FORBIDDEN');
  });

  it('lists each item with what happened; corrections show original and new', async () => {
    const review = value<ReviewView>(await qa().invoke('review.get', { batchId: batch.id }));
    const correction = review.items.find((item) => item.kind === 'correction')!;
    expect(correction.correction!.original.display).toContain('12.440');
    expect(correction.correction!.corrected.display).toContain('12.510');
    expect(review.dataChanges.map((row) => row.action)).toEqual(
      expect.arrayContaining(['batch.value-corrected', 'batch.value-recomputed']),
    );
    expect(review.releaseBlockers.join(' ')).toMatch(/not dispositioned/);
    expect(review.releaseBlockers.join(' ')).toMatch(/audit trail of the batch has not been reviewed/);
  });

  it('refuses release while items are open, and by anyone but QA', async () => {
    const open = expectError(
      await qa().invoke('review.decide', {
        batchId: batch.id,
        decision: 'released',
        comment: 'Release',
        credentials: qaSelf(),
      }),
      'CONFLICT',
    );
    expect(open.message).toMatch(/not dispositioned/);
    expectError(
      await floor.sven.connection.invoke('review.decide', {
        batchId: batch.id,
        decision: 'released',
        comment: 'Release',
        credentials: { kind: 'self', password: floor.sven.password },
      }),
      'FORBIDDEN',
    );
  });

  it('needs an investigation reference for "requires investigation"', async () => {
    const review = value<ReviewView>(await qa().invoke('review.get', { batchId: batch.id }));
    expectError(
      await qa().invoke('review.disposition', {
        batchId: batch.id,
        itemKey: review.items[0]!.key,
        decision: 'investigation',
        comment: 'Needs a look',
        credentials: qaSelf(),
      }),
      'VALIDATION_FAILED',
    );
  });

  it('refuses release until the audit trail is reviewed, then releases and records the time', async () => {
    let review = value<ReviewView>(await qa().invoke('review.get', { batchId: batch.id }));
    review = await dispositionAll(review);
    expect(review.counts.openItems).toBe(0);
    expect(review.batch.exceptions.every((exception) => exception.status !== 'open')).toBe(true);
    const noAuditReview = expectError(
      await qa().invoke('review.decide', {
        batchId: batch.id,
        decision: 'released',
        comment: 'Release',
        credentials: qaSelf(),
      }),
      'CONFLICT',
    );
    expect(noAuditReview.message).toMatch(/audit trail/);
    review = value<ReviewView>(
      await qa().invoke('review.auditTrail', {
        batchId: batch.id,
        comment: 'Audit trail of the batch reviewed: corrections and overrides explained',
        credentials: qaSelf(),
      }),
    );
    expect(review.auditReview!.rowCount).toBe(review.auditRows.length);
    expect(review.auditReview!.signatures[0]!.meaning).toBe('reviewed');
    expect(review.releaseBlockers).toEqual([]);
    await waitMinutes(floor, 90);
    review = value<ReviewView>(
      await qa().invoke('review.decide', {
        batchId: batch.id,
        decision: 'released',
        comment: 'Batch conforms; released for compression',
        credentials: qaSelf(),
      }),
    );
    expect(review.batch.status).toBe('released');
    expect(
      review.decision.map((signature) => [
        signature.meaning,
        signature.signerName,
        signature.verification.valid,
      ]),
    ).toEqual([['released', 'Quinn Quérard', true]]);
    const times = value<ReleaseTime[]>(await qa().invoke('review.releaseTimes', {}));
    const time = times.find((entry) => entry.batchNumber === 'PCM-2026-0412')!;
    expect(time.decision).toBe('released');
    expect(time.hours).toBeGreaterThanOrEqual(1.5);
  });

  it('locks the released batch: every change channel refuses, and each attempt is audited', async () => {
    const before = lastAuditSeq(floor.fresh.app);
    const olga = floor.olga.connection;
    const self = { kind: 'self' as const, password: floor.olga.password };
    const attempts = [
      olga.invoke('batches.hold', { batchId: batch.id, reason: 'Try to hold' }),
      olga.invoke('batches.startStep', { batchId: batch.id, stepId: 'line_clearance' }),
      olga.invoke('batches.completeStep', {
        batchId: batch.id,
        stepId: 'bu_samples',
        input: { type: 'numeric', value: '10' },
        signatures: [],
      }),
      olga.invoke('batches.correctStep', {
        batchId: batch.id,
        stepId: 'w_mcc',
        input: { type: 'weighing', origin: 'manual', net: '12.500' },
        reason: 'Late correction',
        signatures: [{ meaning: 'corrected', credentials: self }],
      }),
      olga.invoke('batches.comment', { batchId: batch.id, text: 'A late remark' }),
      olga.invoke('batches.completeExecution', { batchId: batch.id, credentials: self }),
      floor.sven.connection.invoke('batches.abort', {
        batchId: batch.id,
        reason: 'Abort after release',
        credentials: { kind: 'self', password: floor.sven.password },
      }),
    ];
    for (const attempt of attempts) expectError(await attempt, 'CONFLICT');
    const refused = auditRowsAfter(floor.fresh.app, before).filter(
      (row) => row.action === 'batch.change-refused',
    );
    expect(refused).toHaveLength(attempts.length);
    const review = value<ReviewView>(await qa().invoke('review.get', { batchId: batch.id }));
    for (const attempt of [
      qa().invoke('review.auditTrail', { batchId: batch.id, comment: 'Again', credentials: qaSelf() }),
      qa().invoke('review.decide', {
        batchId: batch.id,
        decision: 'rejected',
        comment: 'Reject after',
        credentials: qaSelf(),
      }),
      qa().invoke('review.disposition', {
        batchId: batch.id,
        itemKey: review.items[0]!.key,
        decision: 'accepted',
        comment: 'Again',
        credentials: qaSelf(),
      }),
    ]) {
      expectError(await attempt, 'CONFLICT');
    }
    // Even behind the application's back, the store refuses (triggers).
    const sqlite = floor.fresh.app.runtime!.store.sqlite;
    expect(() =>
      sqlite.prepare("UPDATE batches SET status = 'in-progress' WHERE id = ?").run(batch.id),
    ).toThrow(/locked/);
    const report = value<AuditVerificationReport>(await floor.admin.invoke('audit.verify', {}));
    expect(report.intact).toBe(true);
  });
});

describe('a signature that fails verification', () => {
  it('is listed as a review item and blocks release even when dispositioned', async () => {
    const demo = await executeBatch(floor, DEMO, 'DEMO-2026-0001', { plan: {}, correction: null });
    // Behind the application's back: an entry's stored value changes, so its signatures no longer verify.
    const sqlite = floor.fresh.app.runtime!.store.sqlite;
    const weighing = demo.steps.find((step) => step.id === 'w_api')!.current!;
    sqlite.exec('DROP TRIGGER batch_entries_no_update');
    sqlite
      .prepare('UPDATE batch_entries SET entered_at_utc = ? WHERE id = ?')
      .run('2026-01-01T00:00:00.000Z', weighing.id);
    let review = value<ReviewView>(await qa().invoke('review.get', { batchId: demo.id }));
    const invalid = review.items.filter((item) => item.kind === 'invalid-signature');
    expect(invalid.length).toBeGreaterThanOrEqual(2);
    expect(review.allSignaturesValid).toBe(false);
    review = await dispositionAll(review);
    expect(review.counts.openItems).toBe(0);
    value(
      await qa().invoke('review.auditTrail', {
        batchId: demo.id,
        comment: 'Audit trail reviewed',
        credentials: qaSelf(),
      }),
    );
    const refused = expectError(
      await qa().invoke('review.decide', {
        batchId: demo.id,
        decision: 'released',
        comment: 'Release',
        credentials: qaSelf(),
      }),
      'CONFLICT',
    );
    expect(refused.message).toMatch(/signature of the batch fails verification/);
    review = value<ReviewView>(
      await qa().invoke('review.decide', {
        batchId: demo.id,
        decision: 'rejected',
        comment: 'Record integrity cannot be shown: reject',
        credentials: qaSelf(),
      }),
    );
    expect(review.batch.status).toBe('rejected');
  });
});
