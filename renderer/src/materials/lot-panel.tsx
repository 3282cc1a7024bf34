import { Link } from 'react-router';
import type { LotView } from '../../../shared/contract/materials';
import type { LotStatus } from '../../../shared/materials/lot-rules';
import { Panel } from '../ui/panel';
import { conditionLabel } from './lot-condition';

/** A lot's page: its facts, every status with its signature, and where it was used (R211-184). */
export function LotPanel({
  lot,
  mayRelease,
  onChangeStatus,
}: {
  lot: LotView;
  mayRelease: boolean;
  onChangeStatus: (status: LotStatus) => void;
}) {
  const moves: LotStatus[] =
    lot.status === 'quarantine'
      ? ['released', 'rejected']
      : lot.status === 'released'
        ? ['quarantine', 'rejected']
        : [];
  const labels: Record<LotStatus, string> = {
    released: 'Release…',
    rejected: 'Reject…',
    quarantine: 'Back to quarantine…',
  };
  return (
    <Panel
      title={`Lot ${lot.lotNumber}`}
      wide
      actions={
        mayRelease
          ? moves.map((status) => (
              <button
                key={status}
                type="button"
                className={status === 'released' ? 'button button--primary' : 'button'}
                onClick={() => onChangeStatus(status)}
                data-testid={`lot-${status}`}
              >
                {labels[status]}
              </button>
            ))
          : null
      }
    >
      <dl className="materials__facts" data-testid="lot-facts">
        <dt>Status</dt>
        <dd className={`lot-condition lot-condition--${lot.condition}`} data-testid="lot-status">
          {conditionLabel(lot)}
        </dd>
        <dt>Material</dt>
        <dd>
          {lot.materialCode} {lot.materialName}
        </dd>
        <dt>Supplier lot</dt>
        <dd>
          {lot.supplier}: {lot.supplierLot}
        </dd>
        <dt>Remaining</dt>
        <dd>
          {lot.remainingQuantity} of {lot.receivedQuantity} {lot.unit} · {lot.containerCount} container
          {lot.containerCount === 1 ? '' : 's'}
          {lot.emptiedContainers.length > 0 ? ` (emptied: ${lot.emptiedContainers.join(', ')})` : ''}
        </dd>
        <dt>Expiry · retest</dt>
        <dd>
          {lot.expiryDate} · {lot.retestDate ?? 'no retest'}
        </dd>
        <dt>Potency</dt>
        <dd>{lot.potencyPercent === null ? '—' : `${lot.potencyPercent} %`}</dd>
      </dl>
      <h3 className="materials__subtitle">Status history</h3>
      <table className="materials__table" data-testid="lot-history">
        <thead>
          <tr>
            <th>When (UTC)</th>
            <th>Status</th>
            <th>Reason</th>
            <th>Signature</th>
          </tr>
        </thead>
        <tbody>
          {lot.history.map((event) => (
            <tr key={event.id}>
              <td>{event.changedAtUtc.replace('T', ' ').slice(0, 16)}</td>
              <td>{event.status.toUpperCase()}</td>
              <td>{event.reason}</td>
              <td>
                {event.signature
                  ? `${event.signature.signerName} — ${event.signature.statement}${event.signature.verification.valid ? '' : ' (INVALID)'}`
                  : `${event.changedByName} (registered)`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="materials__subtitle">
        Where used ·{' '}
        <Link
          className="materials__lot-link"
          to={`/genealogy?lot=${encodeURIComponent(lot.lotNumber)}`}
          data-testid="lot-genealogy"
        >
          Genealogy of this lot
        </Link>
      </h3>
      {lot.uses.length === 0 ? (
        <p>Not used by any batch yet.</p>
      ) : (
        <table className="materials__table" data-testid="lot-uses">
          <thead>
            <tr>
              <th>Batch</th>
              <th>Step</th>
              <th>Container</th>
              <th>Quantity</th>
              <th>Status at use</th>
              <th>By, when (UTC)</th>
            </tr>
          </thead>
          <tbody>
            {lot.uses.map((use, index) => (
              <tr key={index}>
                <td>{use.batchNumber}</td>
                <td>{use.stepId}</td>
                <td>{use.container ?? '—'}</td>
                <td>
                  {use.quantity} {use.unit}
                </td>
                <td>{use.statusAtUse}</td>
                <td>
                  {use.dispensedByName}, {use.dispensedAtUtc.replace('T', ' ').slice(0, 16)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
