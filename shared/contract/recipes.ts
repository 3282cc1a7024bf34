import type { Recipe } from '../recipes/recipe-schema';
import type { SignatureView } from './signatures';

export type RecipeStatus =
  'draft' | 'in-review' | 'approved' | 'effective' | 'superseded' | 'retired' | 'rejected';

export interface RecipeVersionSummary {
  id: string;
  code: string;
  versionLabel: string;
  name: string;
  product: { code: string; name: string };
  status: RecipeStatus;
  contentHash: string;
  authorUserId: string;
  authorName: string;
  importedAtUtc: string;
  submittedAtUtc: string | null;
  approvedAtUtc: string | null;
  /** When it became (or becomes) effective. */
  effectiveFromUtc: string | null;
  supersededAtUtc: string | null;
  retiredAtUtc: string | null;
  rejectedAtUtc: string | null;
  stepCount: number;
}

export interface RecipeVersionView extends RecipeVersionSummary {
  recipe: Recipe;
  /** Does the stored content still hash to what was approved? */
  contentIntact: boolean;
  signatures: SignatureView[];
}

export interface RecipeImportProblem {
  path: string;
  message: string;
}
