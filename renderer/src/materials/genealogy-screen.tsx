import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { GenealogyBatchView, GenealogyLotView } from '../../../shared/contract/materials';
import { rolesGrant } from '../../../shared/permissions';
import { useChannel } from '../ipc/use-channel';
import { useSession } from '../session/session-context';
import { ErrorNotice } from '../ui/error-notice';
import { LoadingNotice } from '../ui/loading-notice';
import { Panel } from '../ui/panel';
import { ScreenHeader } from '../ui/screen-header';
import { conditionLabel } from './lot-condition';
import './materials.css';

/**
 * Genealogy (R211-184): a lot → every batch that consumed it (forward); a batch → every lot it
 * consumed and every equipment item it used, and its own output lot (backward). Each lot and
 * batch links to its own genealogy, so a recall can be followed in both directions on screen.
 */
export function GenealogyScreen() {
  const [params, setParams] = useSearchParams();
  const lotNumber = params.get('lot');
  const batchId = params.get('batch');
  const { session } = useSession();
  const mayListBatches = rolesGrant(session.user.roles, 'batches.read');
  return (
    <div className="screen materials">
      <ScreenHeader
        title="Genealogy"
        purpose="Where a lot went and what a batch was made from and with: from the recorded consumptions and equipment use only."
      />
      <Panel title="Trace" wide>
        <TraceForm
          key={`${lotNumber ?? ''}-${batchId ?? ''}`}
          initialLot={lotNumber ?? ''}
          initialBatch={batchId ?? ''}
          mayListBatches={mayListBatches}
          onLot={(lot) => setParams({ lot })}
          onBatch={(batch) => setParams({ batch })}
        />
      </Panel>
      {lotNumber ? <Forward lotNumber={lotNumber} /> : null}
      {!lotNumber && batchId ? <Backward batchId={batchId} /> : null}
    </div>
  );
}

function TraceForm({
  initialLot,
  initialBatch,
  mayListBatches,
  onLot,
  onBatch,
}: {
  initialLot: string;
  initialBatch: string;
  mayListBatches: boolean;
  onLot: (lot: string) => void;
  onBatch: (batchId: string) => void;
}) {
  const [lot, setLot] = useState(initialLot);
  return (
    <div className="materials__filters">
      <form
        className="materials__filters"
        onSubmit={(event) => {
          event.preventDefault();
          if (lot.trim()) onLot(lot.trim().toUpperCase());
        }}
      >
        <label className="materials__filter">
          Lot number (forward: the batches that used it)
          <input
            className="field__input"
            value={lot}
            onChange={(event) => setLot(event.target.value)}
            data-testid="genealogy-lot"
          />
        </label>
        <button type="submit" className="button button--primary" data-testid="genealogy-trace-lot">
          Trace forward
        </button>
      </form>
      {mayListBatches ? <BatchPicker value={initialBatch} onBatch={onBatch} /> : null}
    </div>
  );
}

function BatchPicker({ value, onBatch }: { value: string; onBatch: (batchId: string) => void }) {
  const { state } = useChannel('batches.list', {});
  if (state.status !== 'ready') return null;
  return (
    <label className="materials__filter">
      Batch (backward: what it was made from and with)
      <select
        className="field__input"
        value={value}
        onChange={(event) => event.target.value && onBatch(event.target.value)}
        data-testid="genealogy-batch"
      >
        <option value="">Choose a batch…</option>
        {state.value.map((batch) => (
          <option key={batch.id} value={batch.id}>
            {batch.batchNumber} · {batch.productCode}
          </option>
        ))}
      </select>
    </label>
  );
}

const amount = (quantity: number, unit: string) => `${Number(quantity.toFixed(6))} ${unit}`;

function Forward({ lotNumber }: { lotNumber: string }) {
  const { state, reload } = useChannel('genealogy.lot', { lotNumber });
  if (state.status === 'loading') return <LoadingNotice what={`the genealogy of lot ${lotNumber}`} />;
  if (state.status === 'failed') return <ErrorNotice error={state.error.toData()} onRetry={reload} />;
  const view: GenealogyLotView = state.value;
  const { lot } = view;
  return (
    <Panel title={`Lot ${lot.lotNumber} → batches`} wide>
      <p data-testid="genealogy-lot-facts">
        {lot.materialCode} {lot.materialName} ·{' '}
        <span className={`lot-condition lot-condition--${lot.condition}`}>{conditionLabel(lot)}</span> ·{' '}
        {amount(lot.remainingQuantity, lot.unit)} left of {amount(lot.receivedQuantity, lot.unit)}
        {lot.producedByBatchNumber ? ` · made by batch ${lot.producedByBatchNumber}` : ''}
      </p>
      {view.batches.length === 0 ? (
        <p>No batch has used this lot yet.</p>
      ) : (
        <table className="materials__table" data-testid="genealogy-forward">
          <thead>
            <tr>
              <th>Batch</th>
              <th>Product</th>
              <th>Batch status</th>
              <th>Quantity taken</th>
              <th>Portions</th>
            </tr>
          </thead>
          <tbody>
            {view.batches.map((batch) => (
              <tr key={`${batch.batchId}-${batch.unit}`} data-testid={`genealogy-batch-${batch.batchNumber}`}>
                <td>
                  <Link className="materials__lot-link" to={`/genealogy?batch=${batch.batchId}`}>
                    {batch.batchNumber}
                  </Link>
                </td>
                <td>
                  {batch.productCode} {batch.productName}
                </td>
                <td>{batch.status}</td>
                <td>{amount(batch.quantity, batch.unit)}</td>
                <td>{batch.portions}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

/** The logbook records "Identified at step S (status)": the status first, then where. */
function cleanStatusText(recorded: string): string {
  const match = /^Identified at step (\S+) \((.*)\)$/.exec(recorded);
  return match ? `${match[2]} (identified at step ${match[1]})` : recorded;
}

function lotLink(lotNumber: string) {
  return (
    <Link className="materials__lot-link" to={`/genealogy?lot=${encodeURIComponent(lotNumber)}`}>
      {lotNumber}
    </Link>
  );
}

function Backward({ batchId }: { batchId: string }) {
  const { state, reload } = useChannel('genealogy.batch', { batchId });
  if (state.status === 'loading') return <LoadingNotice what="the genealogy of the batch" />;
  if (state.status === 'failed') return <ErrorNotice error={state.error.toData()} onRetry={reload} />;
  const view: GenealogyBatchView = state.value;
  return (
    <>
      <Panel title={`Batch ${view.batchNumber} ← lots`} wide>
        <p data-testid="genealogy-batch-facts">
          {view.productCode} {view.productName} · {view.status}
          {view.outputLot ? (
            <>
              {' '}
              · its output: lot {lotLink(view.outputLot.lotNumber)} ({conditionLabel(view.outputLot)})
            </>
          ) : null}
        </p>
        {view.lots.length === 0 ? (
          <p>No registered lot was consumed by this batch yet.</p>
        ) : (
          <table className="materials__table" data-testid="genealogy-backward-lots">
            <thead>
              <tr>
                <th>Lot</th>
                <th>Material</th>
                <th>Quantity</th>
                <th>Containers</th>
                <th>Status at use</th>
                <th>Potency at use</th>
              </tr>
            </thead>
            <tbody>
              {view.lots.map((lot) => (
                <tr key={`${lot.lotNumber}-${lot.unit}`} data-testid={`genealogy-lot-${lot.lotNumber}`}>
                  <td>{lotLink(lot.lotNumber)}</td>
                  <td>
                    {lot.materialCode} {lot.materialName}
                  </td>
                  <td>{amount(lot.quantity, lot.unit)}</td>
                  <td>{lot.containers.length > 0 ? lot.containers.join(', ') : 'not named'}</td>
                  <td>{lot.statusAtUse}</td>
                  <td>{lot.potencyAtUse === null ? '—' : `${lot.potencyAtUse} %`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
      <Panel title={`Batch ${view.batchNumber} ← equipment and rooms`} wide>
        {view.equipment.length === 0 ? (
          <p>No registered equipment item or room was used by this batch yet.</p>
        ) : (
          <table className="materials__table" data-testid="genealogy-backward-equipment">
            <thead>
              <tr>
                <th>Item</th>
                <th>Description</th>
                <th>First used (UTC)</th>
                <th>Clean status at use</th>
              </tr>
            </thead>
            <tbody>
              {view.equipment.map((item) => (
                <tr key={item.code}>
                  <td>
                    <Link className="materials__lot-link" to="/equipment">
                      {item.code}
                    </Link>
                  </td>
                  <td>{item.description}</td>
                  <td>{item.firstUseUtc.replace('T', ' ').slice(0, 16)}</td>
                  <td>{cleanStatusText(item.cleanStatusAtUse)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
    </>
  );
}
