import type { LotSummary } from '../../../shared/contract/materials';

/** The status as the floor reads it: what the clock made of a released lot comes first. */
export function conditionLabel(
  lot: Pick<LotSummary, 'status' | 'condition' | 'expiryDate' | 'retestDate'>,
): string {
  switch (lot.condition) {
    case 'expired':
      return `EXPIRED ${lot.expiryDate}`;
    case 'retest-due':
      return `RETEST DUE ${lot.retestDate ?? ''}`;
    default:
      return lot.condition.toUpperCase();
  }
}
