import type { RecipeStatus } from '../../../shared/contract/recipes';

/** How a status reads on screen: a word, a symbol (never colour alone) and what it means. */
export const statusLabels: Record<RecipeStatus, string> = {
  draft: 'Draft',
  'in-review': 'In review',
  approved: 'Approved',
  effective: 'Effective',
  superseded: 'Superseded',
  retired: 'Retired',
  rejected: 'Rejected',
};

export const statusSymbols: Record<RecipeStatus, string> = {
  draft: '✎',
  'in-review': '⚑',
  approved: '✓',
  effective: '★',
  superseded: '↩',
  retired: '⊘',
  rejected: '✗',
};

export const statusMeanings: Record<RecipeStatus, string> = {
  draft: 'Imported; can be submitted for review.',
  'in-review': 'Waiting for QA to approve or reject it.',
  approved: 'Approved by QA; not yet used for batches.',
  effective: 'The version new batches start from.',
  superseded: 'Replaced by a newer effective version.',
  retired: 'No new batch starts from it.',
  rejected: 'Refused at review; import a corrected version.',
};

/** The lifecycle order, for the status filter. */
export const statusOrder: readonly RecipeStatus[] = [
  'draft',
  'in-review',
  'approved',
  'effective',
  'superseded',
  'retired',
  'rejected',
];
