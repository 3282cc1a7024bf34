import type { ReviewItem } from '../../../shared/contract/review';

export type ReviewGroupId =
  'invalid-signature' | 'override' | 'deviation' | 'out-of-limit' | 'correction' | 'manual-entry';

export interface ReviewGroup {
  id: ReviewGroupId;
  title: string;
  /** What the items of this kind are, in one sentence. */
  explain: string;
  items: ReviewItem[];
}

/** Most serious first: a broken signature before an override before a routine manual entry. */
const groupOrder: readonly Omit<ReviewGroup, 'items'>[] = [
  {
    id: 'invalid-signature',
    title: 'Signatures that fail verification',
    explain: 'The signed record no longer matches what was signed: find out why before anything else.',
  },
  {
    id: 'override',
    title: 'Overrides',
    explain: 'Values outside a blocking limit that a supervisor signed past.',
  },
  {
    id: 'deviation',
    title: 'Deviations',
    explain: 'Values outside limits that the recipe records as deviations, with the operator’s comment.',
  },
  {
    id: 'out-of-limit',
    title: 'Other values and times outside limits',
    explain: 'Values, recomputed values and timers outside their limits, recorded for review.',
  },
  {
    id: 'correction',
    title: 'Corrections',
    explain: 'Values changed after entry: the original, struck through, and the correction with its reason.',
  },
  {
    id: 'manual-entry',
    title: 'Manual entries where an instrument was expected',
    explain: 'Values typed by hand at steps whose recipe names an instrument to capture them.',
  },
];

export function groupOf(item: ReviewItem): ReviewGroupId {
  if (item.kind === 'invalid-signature') return 'invalid-signature';
  if (item.kind === 'correction') return 'correction';
  const exception = item.exception;
  if (exception?.handling === 'override') return 'override';
  if (exception?.handling === 'deviation') return 'deviation';
  if (exception?.type === 'manual-entry') return 'manual-entry';
  return 'out-of-limit';
}

const severityRank = { critical: 0, major: 1, minor: 2 } as const;

/** Within a kind: the most severe first, then the oldest (the one waiting longest). */
function bySeverityThenAge(a: ReviewItem, b: ReviewItem): number {
  const rank = (item: ReviewItem) => (item.exception ? severityRank[item.exception.severity] : 1);
  const at = (item: ReviewItem) =>
    item.exception?.raisedAtUtc ?? item.correction?.corrected.enteredAtUtc ?? '';
  return rank(a) - rank(b) || at(a).localeCompare(at(b));
}

/** The review items by kind, in the order QA should read them; kinds without items are left out. */
export function groupReviewItems(items: readonly ReviewItem[]): ReviewGroup[] {
  return groupOrder
    .map((group) => ({
      ...group,
      items: items.filter((item) => groupOf(item) === group.id).sort(bySeverityThenAge),
    }))
    .filter((group) => group.items.length > 0);
}
