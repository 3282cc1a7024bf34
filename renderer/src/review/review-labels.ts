import { exceptionTypeLabels } from '../../../shared/batches/batch-status';
import type { DispositionDecision, ReviewItem } from '../../../shared/contract/review';
import { handlingLabels } from '../batches/batch-labels';
import type { BadgeTone } from '../ui/status-badge';

export const dispositionLabels: Record<DispositionDecision, string> = {
  accepted: 'Accepted',
  investigation: 'Requires investigation',
};

export const dispositionTones: Record<DispositionDecision, BadgeTone> = {
  accepted: 'ok',
  investigation: 'warn',
};

/** How a review item's standing reads: open until QA has signed a disposition. */
export function itemStatus(item: ReviewItem): { label: string; tone: BadgeTone } {
  // Awaiting QA is the normal state of an item (ISA-101): grey; its severity badge carries the attention.
  if (!item.disposition) return { label: 'Open', tone: 'neutral' };
  return {
    label: dispositionLabels[item.disposition.decision],
    tone: dispositionTones[item.disposition.decision],
  };
}

/** "1 item", "11 items". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** What the item is, in words: "Value out of limits · overridden by a supervisor". */
export function itemTitle(item: ReviewItem): string {
  const exception = item.exception;
  if (exception) {
    const type = exceptionTypeLabels[exception.type];
    return exception.handling === 'record'
      ? type
      : `${type} · ${handlingLabels[exception.handling].toLowerCase()}`;
  }
  return item.title;
}

/** What happened, in one line, for a dialog or a signed subject. */
export function itemLine(item: ReviewItem): string {
  const exception = item.exception;
  if (exception) {
    const label = exception.handling === 'override' ? 'Override reason' : 'Comment';
    return exception.comment
      ? `${exception.description} ${label}: ${exception.comment}`
      : exception.description;
  }
  if (item.correction) {
    const { original, corrected } = item.correction;
    return `${item.stepTitle ?? ''}: ${original.display} corrected to ${corrected.display} by ${corrected.enteredByName}${
      corrected.reason ? ` (${corrected.reason})` : ''
    }`;
  }
  return item.detail;
}
