import type { StepType } from '../../../shared/recipes/recipe-schema';

/** Each step type as the shop floor reads it: a symbol and a word. */
export const stepTypeLabels: Record<StepType, string> = {
  instruction: 'Instruction',
  check: 'Checklist',
  numeric: 'Numeric entry',
  weighing: 'Weighing',
  measurement: 'Measurement',
  scan: 'Scan',
  timer: 'Timer',
  calculation: 'Calculation',
};

export const stepTypeSymbols: Record<StepType, string> = {
  instruction: 'ℹ',
  check: '☑',
  numeric: '#',
  weighing: '⚖',
  measurement: '◎',
  scan: '▥',
  timer: '◷',
  calculation: 'ƒ',
};
