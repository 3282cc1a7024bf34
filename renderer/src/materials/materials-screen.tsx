import { useState } from 'react';
import { Link } from 'react-router';
import type { LotView } from '../../../shared/contract/materials';
import { rolesGrant } from '../../../shared/permissions';
import type { LotStatus } from '../../../shared/materials/lot-rules';
import { useChannel } from '../ipc/use-channel';
import { useSession } from '../session/session-context';
import { ErrorNotice } from '../ui/error-notice';
import { Flash } from '../ui/flash';
import { LoadingNotice } from '../ui/loading-notice';
import { Panel } from '../ui/panel';
import { ScreenHeader } from '../ui/screen-header';
import { conditionLabel } from './lot-condition';
import { LotPanel } from './lot-panel';
import { LotStatusDialog } from './lot-status-dialog';
import './materials.css';

const statusFilters = ['', 'quarantine', 'released', 'rejected', 'expired', 'retest-due'] as const;
type StatusFilter = (typeof statusFilters)[number];

/** Materials and lots (R211-84/87): search, expiring soon, a lot's page; QA releases by signature. */
export function MaterialsScreen() {
  const { session } = useSession();
  const mayRelease = rolesGrant(session.user.roles, 'materials.release');
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<StatusFilter>('');
  const [expiring, setExpiring] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [changing, setChanging] = useState<LotStatus | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const { state, reload } = useChannel('lots.list', {
    ...(search.trim() ? { search: search.trim() } : {}),
    ...(status ? { status } : {}),
    ...(expiring ? { expiringWithinDays: 30 } : {}),
  });
  const [version, setVersion] = useState(0);

  const done = (changed: LotView) => {
    setChanging(null);
    setFlash(`Lot ${changed.lotNumber} is ${changed.status.toUpperCase()}.`);
    setVersion((n) => n + 1);
    reload();
  };

  return (
    <div className="screen materials">
      <ScreenHeader
        title="Materials and lots"
        purpose="Lots as received, their status and where they were used. Only released lots within their dates are dispensed; QA changes a status by signature."
        action={
          <Link className="button" to="/genealogy" data-testid="open-genealogy">
            Genealogy
          </Link>
        }
      />
      <Flash message={flash} />
      <Panel title="Lots" wide>
        <div className="materials__filters">
          <label className="materials__filter">
            Search (lot, material, supplier lot)
            <input
              className="field__input"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              data-testid="lot-search"
            />
          </label>
          <label className="materials__filter">
            Status
            <select
              className="field__input"
              value={status}
              onChange={(event) => setStatus(event.target.value as StatusFilter)}
              data-testid="lot-status-filter"
            >
              {statusFilters.map((value) => (
                <option key={value} value={value}>
                  {value === '' ? 'Any' : value}
                </option>
              ))}
            </select>
          </label>
          <label className="materials__check">
            <input
              type="checkbox"
              checked={expiring}
              onChange={(event) => setExpiring(event.target.checked)}
            />
            Expiring or due for retest within 30 days
          </label>
        </div>
        {state.status === 'loading' ? <LoadingNotice what="lots" /> : null}
        {state.status === 'failed' ? <ErrorNotice error={state.error.toData()} onRetry={reload} /> : null}
        {state.status === 'ready' ? (
          <table className="materials__table materials__table--lots" data-testid="lots-table">
            <thead>
              <tr>
                <th>Lot</th>
                <th>Material</th>
                <th>Status</th>
                <th>Remaining</th>
                <th>Expiry</th>
                <th>Retest</th>
                <th>Potency</th>
              </tr>
            </thead>
            <tbody>
              {state.value.map((row) => (
                <tr
                  key={row.id}
                  className={
                    row.lotNumber === selected ? 'materials__row materials__row--selected' : 'materials__row'
                  }
                  onClick={() => setSelected(row.lotNumber)}
                  data-testid={`lot-row-${row.lotNumber}`}
                >
                  <td>
                    <button
                      type="button"
                      className="materials__lot-link"
                      onClick={() => setSelected(row.lotNumber)}
                    >
                      {row.lotNumber}
                    </button>
                  </td>
                  <td>
                    {row.materialCode} {row.materialName}
                  </td>
                  <td className={`lot-condition lot-condition--${row.condition}`}>{conditionLabel(row)}</td>
                  <td>
                    {row.remainingQuantity} / {row.receivedQuantity} {row.unit}
                  </td>
                  <td>{row.expiryDate}</td>
                  <td>{row.retestDate ?? '—'}</td>
                  <td>{row.potencyPercent === null ? '—' : `${row.potencyPercent} %`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </Panel>
      {selected ? (
        <SelectedLot
          key={`${selected}-${version}`}
          lotNumber={selected}
          mayRelease={mayRelease}
          changing={changing}
          onChangeStatus={setChanging}
          onDone={done}
        />
      ) : null}
    </div>
  );
}

function SelectedLot({
  lotNumber,
  mayRelease,
  changing,
  onChangeStatus,
  onDone,
}: {
  lotNumber: string;
  mayRelease: boolean;
  changing: LotStatus | null;
  onChangeStatus: (status: LotStatus | null) => void;
  onDone: (lot: LotView) => void;
}) {
  const { state, reload } = useChannel('lots.get', { lotNumber });
  if (state.status === 'loading') return <LoadingNotice what={`lot ${lotNumber}`} />;
  if (state.status === 'failed') return <ErrorNotice error={state.error.toData()} onRetry={reload} />;
  return (
    <>
      <LotPanel lot={state.value} mayRelease={mayRelease} onChangeStatus={onChangeStatus} />
      {changing ? (
        <LotStatusDialog
          lot={state.value}
          status={changing}
          onClose={() => onChangeStatus(null)}
          onDone={onDone}
        />
      ) : null}
    </>
  );
}
