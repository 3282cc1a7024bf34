import type {
  BatchStatus,
  ExceptionHandling,
  ExceptionSeverity,
  StepStatus,
} from '../../../shared/batches/batch-status';
import type { EntryOrigin } from '../../../shared/batches/recorded-value';
import type { BatchEntryView } from '../../../shared/contract/batches';
import type { BadgeTone } from '../ui/status-badge';

/** How each batch status reads at arm's length: a tone and a symbol, the word always written. */
export const batchStatusTones: Record<BatchStatus, BadgeTone> = {
  created: 'neutral',
  'in-progress': 'ok',
  'on-hold': 'warn',
  'execution-complete': 'ok',
  aborted: 'fail',
  released: 'ok',
  rejected: 'fail',
};

export const originLabels: Record<EntryOrigin, string> = {
  manual: 'Entered by hand',
  instrument: 'Captured from the instrument',
  computed: 'Computed by the workstation',
  clock: "Timed by the workstation's clock",
};

export const entryKindLabels: Record<BatchEntryView['kind'], string> = {
  original: 'Original entry',
  correction: 'Correction',
  recomputed: 'Recomputed',
};

export const handlingLabels: Record<ExceptionHandling, string> = {
  override: 'Overridden by a supervisor',
  deviation: 'Deviation',
  record: 'Recorded for review',
};

export const severityTones: Record<ExceptionSeverity, BadgeTone> = {
  minor: 'neutral',
  major: 'warn',
  critical: 'fail',
};

export const severityLabels: Record<ExceptionSeverity, string> = {
  minor: 'Minor',
  major: 'Major',
  critical: 'Critical',
};

export const stepStatusLabels: Record<StepStatus, string> = {
  pending: 'Pending',
  'in-progress': 'In progress',
  completed: 'Completed',
};
