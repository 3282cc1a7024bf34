import type { LotView } from '../../../shared/contract/materials';
import type { LotStatus } from '../../../shared/materials/lot-rules';
import { asResult } from '../ipc/as-result';
import { call } from '../ipc/client';
import { CommentThenSignDialog } from '../signatures/comment-then-sign-dialog';

const wording: Record<
  LotStatus,
  { title: string; meaning: 'released' | 'rejected' | 'quarantined'; explain: string }
> = {
  released: {
    title: 'Release lot',
    meaning: 'released',
    explain: 'Released lots of the right material can be dispensed until they expire or are due for retest.',
  },
  rejected: {
    title: 'Reject lot',
    meaning: 'rejected',
    explain: 'A rejected lot is never dispensed again; keep it apart and labelled.',
  },
  quarantine: {
    title: 'Back to quarantine',
    meaning: 'quarantined',
    explain: 'Nothing is dispensed from it until QA releases it again (e.g. during an investigation).',
  },
};

/** QA's status change: the reason, then the signature with the meaning of the new status (R211-84). */
export function LotStatusDialog({
  lot,
  status,
  onClose,
  onDone,
}: {
  lot: LotView;
  status: LotStatus;
  onClose: () => void;
  onDone: (lot: LotView) => void;
}) {
  const { title, meaning, explain } = wording[status];
  return (
    <CommentThenSignDialog<LotView>
      title={`${title}: ${lot.lotNumber}`}
      testId="lot-status-dialog"
      tone={status === 'released' ? 'normal' : 'danger'}
      explain={<p className="form__explain">{explain}</p>}
      fieldLabel="Reason (e.g. certificate of analysis and tests conform)"
      signTitle={`Sign: ${title.toLowerCase()} ${lot.lotNumber}`}
      subject={(reason) => ({
        title: `Lot ${lot.lotNumber} → ${status.toUpperCase()}`,
        lines: [
          { label: 'Material', value: `${lot.materialCode} ${lot.materialName}` },
          { label: 'Supplier lot', value: `${lot.supplier}: ${lot.supplierLot}` },
          { label: 'Now', value: lot.status.toUpperCase() },
          { label: 'Reason', value: reason },
        ],
      })}
      meaning={meaning}
      onSign={(reason, credentials) =>
        asResult(() => call('lots.changeStatus', { lotNumber: lot.lotNumber, status, reason, credentials }))
      }
      onSigned={onDone}
      onClose={onClose}
    />
  );
}
