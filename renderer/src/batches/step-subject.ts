import { describeLimits, type RecordedValue } from '../../../shared/batches/recorded-value';
import { stepDecimals } from '../../../shared/format/numbers';
import type { BatchStepView, BatchView, StepPreview } from '../../../shared/contract/batches';
import type { SignedLine, SignedSubject } from '../signatures/signed-subject';
import { originLabels } from './batch-labels';

/** The limits a recorded value was judged against, with the recipe's precision ("79.60 – 80.40 kg (target 80.00)"). */
export function limitsOf(value: RecordedValue, decimals?: number): string {
  switch (value.type) {
    case 'numeric':
    case 'measurement':
    case 'calculation':
    case 'weighing':
      return describeLimits(value.limits, value.unit, decimals);
    case 'timer':
      return describeLimits(value.limits, 'min');
    default:
      return '';
  }
}

export function verdictOf(withinLimits: boolean | null): string | null {
  if (withinLimits === null) return null;
  return withinLimits ? 'Within limits' : 'OUT OF LIMITS';
}

/** What a signer of a step's entry reads before signing: the batch, the step, the value and why. */
export function stepSubject(
  batch: BatchView,
  step: BatchStepView,
  preview: StepPreview,
  extra: {
    mode: 'complete' | 'correct';
    reason?: string;
    overrideReason?: string;
    deviationComment?: string;
  },
): SignedSubject {
  const limits = limitsOf(preview.value, stepDecimals(step.definition));
  const verdict = verdictOf(preview.withinLimits);
  const source = 'instrument' in preview.value && preview.value.instrument ? preview.value.instrument : null;
  const lines: (SignedLine | null)[] = [
    {
      label: 'Batch',
      value: `${batch.batchNumber}${batch.training ? ' (TRAINING)' : ''} · ${batch.productName}`,
    },
    { label: 'Step', value: `${step.position + 1}. ${step.definition.title} (${step.id})` },
    { label: extra.mode === 'correct' ? 'Corrected value' : 'Value', value: preview.display },
    limits ? { label: 'Limits', value: limits } : null,
    verdict ? { label: 'Verdict', value: verdict } : null,
    { label: 'Origin', value: originLabels[preview.origin] },
    source
      ? { label: 'Instrument', value: `${source.assetId} · serial number ${source.serialNumber}` }
      : null,
    extra.reason ? { label: 'Reason for the correction', value: extra.reason } : null,
    extra.overrideReason ? { label: 'Override reason', value: extra.overrideReason } : null,
    extra.deviationComment ? { label: 'Deviation comment', value: extra.deviationComment } : null,
  ];
  return {
    title: `${batch.batchNumber} · ${step.definition.title}`,
    lines: lines.filter((line): line is SignedLine => line !== null),
  };
}
