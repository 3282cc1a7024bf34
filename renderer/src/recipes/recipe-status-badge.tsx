import type { RecipeStatus } from '../../../shared/contract/recipes';
import { statusLabels, statusMeanings, statusSymbols } from './recipe-status';

/** A recipe version's status: its own colour and symbol per status, the word always written. */
export function RecipeStatusBadge({ status, large = false }: { status: RecipeStatus; large?: boolean }) {
  return (
    <span
      className={`recipe-status recipe-status--${status}${large ? ' recipe-status--large' : ''}`}
      data-testid="recipe-status"
      data-status={status}
      title={statusMeanings[status]}
    >
      <span className="recipe-status__symbol" aria-hidden="true">
        {statusSymbols[status]}
      </span>
      {statusLabels[status]}
    </span>
  );
}
