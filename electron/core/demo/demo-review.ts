/**
 * QA's review of a demo batch, as the review screen makes it: each open item dispositioned by
 * signature (an override as "requires investigation" with its reference), the batch's audit
 * trail reviewed, then the decision signed.
 */
import type { ReviewView } from '../../../shared/contract/review';
import { call, type DemoFloor } from './demo-floor';

export async function reviewAndDecide(
  floor: DemoFloor,
  batchId: string,
  decision: { decision: 'released' | 'rejected'; comment: string },
): Promise<ReviewView> {
  const { connection } = floor.window('quinn');
  const credentials = floor.self('quinn');
  const review = await call<ReviewView>(connection, 'review.get', { batchId });
  for (const item of review.items.filter((candidate) => candidate.disposition === null)) {
    const investigate = item.exception?.handling === 'override';
    await floor.pass(3);
    await call(connection, 'review.disposition', {
      batchId,
      itemKey: item.key,
      decision: investigate ? 'investigation' : 'accepted',
      comment: investigate
        ? 'Value accepted by the supervisor; assay of the supplier lot confirms it'
        : 'Reviewed: no impact on quality',
      ...(investigate && { reference: 'DEV-DEMO-0042' }),
      credentials,
    });
  }
  await floor.pass(5);
  await call(connection, 'review.auditTrail', {
    batchId,
    comment: 'Audit trail of the batch reviewed: every change explained',
    credentials,
  });
  await floor.pass(2);
  return call<ReviewView>(connection, 'review.decide', { batchId, ...decision, credentials });
}
