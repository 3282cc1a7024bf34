import type { Limits } from '../../../shared/recipes/recipe-schema';
import { limitCells } from './recipe-numbers';

/** Min, target and max side by side, with the step's decimals and unit; "—" where none is set. */
export function StepLimits({ limits, unit, decimals }: { limits: Limits; unit: string; decimals: number }) {
  return (
    <div className="step-limits" data-testid="step-limits">
      {limitCells(limits, decimals).map((cell) => (
        <div
          className={cell.value === null ? 'step-limits__cell step-limits__cell--none' : 'step-limits__cell'}
          key={cell.label}
          data-limit={cell.label.toLowerCase()}
        >
          <span className="step-limits__label">{cell.label}</span>
          <span className="step-limits__value">{cell.value === null ? '—' : `${cell.value} ${unit}`}</span>
        </div>
      ))}
    </div>
  );
}
