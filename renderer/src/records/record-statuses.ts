import type { BatchStatus } from '../../../shared/batches/batch-status';

/** A batch still being executed: the core prints a paper continuation record only for these (A11-16). */
export const paperContinuableStatuses: readonly BatchStatus[] = ['created', 'in-progress', 'on-hold'];

/** Batches whose execution is over, offered for export (the core would export any batch). */
export const exportableStatuses: readonly BatchStatus[] = [
  'execution-complete',
  'released',
  'rejected',
  'aborted',
];
