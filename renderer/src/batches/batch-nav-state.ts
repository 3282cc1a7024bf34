/** Passed to the batch screen after "New batch", so it can say what just happened. */
export interface BatchCreatedState {
  createdBatchNumber: string;
}

export function createdBatchNumber(state: unknown): string | null {
  if (typeof state !== 'object' || state === null) return null;
  const value = (state as Partial<BatchCreatedState>).createdBatchNumber;
  return typeof value === 'string' ? value : null;
}
