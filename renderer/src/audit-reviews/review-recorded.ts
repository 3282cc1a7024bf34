/** Navigation state: the review just recorded on the audit screen, for the reviews screen to announce. */
export interface ReviewRecordedState {
  recordedReviewId: string;
}

export function recordedReviewId(state: unknown): string | null {
  if (typeof state !== 'object' || state === null) return null;
  const id = (state as Partial<ReviewRecordedState>).recordedReviewId;
  return typeof id === 'string' ? id : null;
}
