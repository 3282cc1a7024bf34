/**
 * QA's review of an executed batch through connections, as the review screen makes it: every item
 * dispositioned by signature (the override as "requires investigation" with its reference), the
 * batch's audit trail reviewed, then the decision signed.
 */
import type { ReviewView } from '../../shared/contract/review';
import type { RecordFloor } from './executed-batch';
import { value } from './identity';

export const INVESTIGATION_REFERENCE = 'DEV-2026-0117';
export const RELEASE_COMMENT = 'Batch conforms; released for compression';
export const REJECT_COMMENT = 'Blend uniformity failed at the QC laboratory';

const qaSelf = (floor: RecordFloor) => ({ kind: 'self' as const, password: floor.quinn.password });

export async function reviewOf(floor: RecordFloor, batchId: string): Promise<ReviewView> {
  return value<ReviewView>(await floor.quinn.connection.invoke('review.get', { batchId }));
}

/** Every open item dispositioned: overrides require investigation, the rest are accepted. */
export async function dispositionAll(floor: RecordFloor, batchId: string): Promise<ReviewView> {
  let review = await reviewOf(floor, batchId);
  for (const item of review.items.filter((candidate) => candidate.disposition === null)) {
    const investigate = item.exception?.handling === 'override';
    review = value<ReviewView>(
      await floor.quinn.connection.invoke('review.disposition', {
        batchId,
        itemKey: item.key,
        decision: investigate ? 'investigation' : 'accepted',
        comment: investigate
          ? 'Second LOD sample conforms; see investigation'
          : 'Reviewed: no impact on quality',
        ...(investigate && { reference: INVESTIGATION_REFERENCE }),
        credentials: qaSelf(floor),
      }),
    );
  }
  return review;
}

export async function reviewAuditTrail(floor: RecordFloor, batchId: string): Promise<ReviewView> {
  return value<ReviewView>(
    await floor.quinn.connection.invoke('review.auditTrail', {
      batchId,
      comment: 'Audit trail of the batch reviewed: corrections and overrides explained',
      credentials: qaSelf(floor),
    }),
  );
}

export async function decide(
  floor: RecordFloor,
  batchId: string,
  decision: 'released' | 'rejected',
): Promise<ReviewView> {
  return value<ReviewView>(
    await floor.quinn.connection.invoke('review.decide', {
      batchId,
      decision,
      comment: decision === 'released' ? RELEASE_COMMENT : REJECT_COMMENT,
      credentials: qaSelf(floor),
    }),
  );
}

/** The whole review: dispositions, audit-trail review, release. */
export async function reviewAndRelease(floor: RecordFloor, batchId: string): Promise<ReviewView> {
  await dispositionAll(floor, batchId);
  await reviewAuditTrail(floor, batchId);
  return decide(floor, batchId, 'released');
}
