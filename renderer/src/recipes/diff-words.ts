import type { RecipeStep } from '../../../shared/recipes/recipe-schema';
import { formatPlain } from './recipe-numbers';

const fieldWords: Record<string, string> = {
  code: 'code',
  name: 'name',
  title: 'title',
  type: 'step type',
  instruction: 'instruction',
  requiredRole: 'performed by (role)',
  signatures: 'signatures',
  meaning: 'meaning',
  role: 'role',
  distinctFromPerformer: 'second person',
  critical: 'critical',
  onLimitViolation: 'on violation',
  dependsOn: 'after steps',
  items: 'checklist items',
  unit: 'unit',
  decimals: 'decimals',
  limits: 'limits',
  min: 'min',
  target: 'target',
  max: 'max',
  material: 'material',
  tolerance: 'tolerance',
  kind: 'kind',
  value: 'value',
  equipment: 'equipment',
  balance: 'balance',
  capacity: 'capacity',
  readability: 'readability',
  minimumWeight: 'minimum weight',
  quantity: 'quantity',
  source: 'source',
  subject: 'subject',
  expected: 'expected',
  pattern: 'pattern',
  from: 'measured from',
  minMinutes: 'min minutes',
  maxMinutes: 'max minutes',
  formula: 'formula',
  product: 'product',
  versionLabel: 'version label',
  nominalBatchSize: 'nominal batch size',
  description: 'description',
  class: 'class',
};

/**
 * A changed field's path in words: `limits.max` → "limits › max", `signatures[1].role` →
 * "signatures 2 › role", `items[0]` → "checklist items 1".
 */
export function fieldLabel(path: string): string {
  return path
    .split('.')
    .map((segment) => {
      const match = /^([^[]+)((?:\[\d+\])*)$/.exec(segment);
      if (!match) return segment;
      const word = fieldWords[match[1]!] ?? match[1]!;
      const positions = [...match[2]!.matchAll(/\[(\d+)\]/g)].map((found) => String(Number(found[1]) + 1));
      return [word, ...positions].join(' ');
    })
    .join(' › ');
}

/** A compared value as text: absent is "—", true/false are yes/no, lists and objects as JSON. */
export function diffValue(value: unknown): string {
  if (value === undefined) return '—';
  if (typeof value === 'number') return formatPlain(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value === '' ? '(empty)' : value;
  return JSON.stringify(value);
}

/** A step's value as the step shows it: limits with its decimals and unit, the rest as `diffValue`. */
export function stepDiffValue(step: RecipeStep | undefined, value: unknown, path: string): string {
  if (typeof value === 'number' && step && 'decimals' in step && /^limits\.(min|target|max)$/.test(path)) {
    return `${value.toFixed(step.decimals)} ${step.unit}`;
  }
  return diffValue(value);
}
