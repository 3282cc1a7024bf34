import { useState } from 'react';
import type { EquipmentDetailView, EquipmentView } from '../../../shared/contract/materials';
import { rolesGrant } from '../../../shared/permissions';
import { useChannel } from '../ipc/use-channel';
import { useSession } from '../session/session-context';
import { ErrorNotice } from '../ui/error-notice';
import { Flash } from '../ui/flash';
import { LoadingNotice } from '../ui/loading-notice';
import { Panel } from '../ui/panel';
import { ScreenHeader } from '../ui/screen-header';
import { CleaningDialog } from './cleaning-dialog';
import './equipment.css';

/**
 * Equipment and rooms (R211-67, R211-182): a status board readable across the room — colour only
 * for abnormal states — and each item's logbook, derived from batches and signed records.
 */
export function EquipmentScreen() {
  const { session } = useSession();
  const mayClean = rolesGrant(session.user.roles, 'equipment.clean');
  const { state, reload } = useChannel('equipment.list', {});
  const [selected, setSelected] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [flash, setFlash] = useState<string | null>(null);

  const cleaned = (item: EquipmentDetailView) => {
    setFlash(`${item.code}: cleaning recorded — ${item.statusText}.`);
    setVersion((n) => n + 1);
    reload();
  };

  return (
    <div className="screen equipment">
      <ScreenHeader
        title="Equipment and rooms"
        purpose="Status from batches and signed cleaning and maintenance records. A step on an item that is not clean and free is refused."
      />
      <Flash message={flash} />
      <Panel title="Status board" wide>
        {state.status === 'loading' ? <LoadingNotice what="equipment" /> : null}
        {state.status === 'failed' ? <ErrorNotice error={state.error.toData()} onRetry={reload} /> : null}
        {state.status === 'ready' ? (
          <ul className="equipment__board" data-testid="equipment-board">
            {state.value.map((item) => (
              <BoardCard
                key={item.id}
                item={item}
                selected={item.code === selected}
                onOpen={() => setSelected(item.code)}
              />
            ))}
          </ul>
        ) : null}
      </Panel>
      {selected ? (
        <Logbook key={`${selected}-${version}`} code={selected} mayClean={mayClean} onCleaned={cleaned} />
      ) : null}
    </div>
  );
}

function BoardCard({
  item,
  selected,
  onOpen,
}: {
  item: EquipmentView;
  selected: boolean;
  onOpen: () => void;
}) {
  return (
    <li>
      <button
        type="button"
        className={`equipment__card${item.abnormal ? ' equipment__card--abnormal' : ''}${selected ? ' equipment__card--selected' : ''}`}
        onClick={onOpen}
        data-testid={`equipment-${item.code}`}
      >
        <span className="equipment__code">{item.code}</span>
        <span className="equipment__status" data-testid={`equipment-status-${item.code}`}>
          {item.statusText}
        </span>
        <span className="equipment__where">
          {item.description} · {item.room}
        </span>
      </button>
    </li>
  );
}

function Logbook({
  code,
  mayClean,
  onCleaned,
}: {
  code: string;
  mayClean: boolean;
  onCleaned: (item: EquipmentDetailView) => void;
}) {
  const { state, reload } = useChannel('equipment.get', { equipmentCode: code });
  const [cleaning, setCleaning] = useState(false);
  if (state.status === 'loading') return <LoadingNotice what={`logbook of ${code}`} />;
  if (state.status === 'failed') return <ErrorNotice error={state.error.toData()} onRetry={reload} />;
  const item = state.value;
  const cleanable = !['in-use', 'maintenance', 'out-of-service'].includes(item.condition);
  return (
    <Panel
      title={`Logbook ${item.code}`}
      wide
      actions={
        mayClean && cleanable ? (
          <button
            type="button"
            className="button button--primary"
            onClick={() => setCleaning(true)}
            data-testid="record-cleaning"
          >
            Record cleaning…
          </button>
        ) : null
      }
    >
      <table className="equipment__logbook" data-testid="equipment-logbook">
        <thead>
          <tr>
            <th>When (UTC)</th>
            <th>Event</th>
            <th>By</th>
            <th>Verified by</th>
            <th>Reason</th>
          </tr>
        </thead>
        <tbody>
          {item.logbook.map((entry) => (
            <tr key={entry.id}>
              <td>{entry.recordedAtUtc.replace('T', ' ').slice(0, 16)}</td>
              <td>{entry.text}</td>
              <td>{entry.performedByName}</td>
              <td>{entry.verifiedByName ?? ''}</td>
              <td>{entry.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {cleaning ? (
        <CleaningDialog
          item={item}
          onClose={() => setCleaning(false)}
          onDone={(saved) => {
            setCleaning(false);
            onCleaned(saved);
          }}
        />
      ) : null}
    </Panel>
  );
}
