import { useEffect, useRef, useState } from 'react';
import type { InstrumentView } from '../../../shared/contract/instruments';
import { rolesGrant } from '../../../shared/permissions';
import { useChannel } from '../ipc/use-channel';
import { useSession } from '../session/session-context';
import { useSystemInfo } from '../system/system-info-context';
import { ErrorNotice } from '../ui/error-notice';
import { Flash } from '../ui/flash';
import { LoadingNotice } from '../ui/loading-notice';
import { Panel } from '../ui/panel';
import { ScreenHeader } from '../ui/screen-header';
import { CheckDialog, checkKindLabels } from './check-dialog';
import { InstrumentDetail, type InstrumentAction } from './instrument-detail';
import { InstrumentFormDialog } from './instrument-form-dialog';
import { instrumentStatusLabels } from './instrument-badges';
import { InstrumentsTable } from './instruments-table';
import { StatusDialog } from './status-dialog';
import '../styles/instruments.css';

type Open = { kind: 'register' } | ({ instrument: InstrumentView } & InstrumentAction) | null;

/** The instrument registry (P11-10h, A11-5): technicians register and check; everyone else reads. */
export function InstrumentsScreen() {
  const { state, reload } = useChannel('instruments.list', {});
  const { session } = useSession();
  const { info } = useSystemInfo();
  const mayManage = rolesGrant(session.user.roles, 'instruments.manage');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [open, setOpen] = useState<Open>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const detailRef = useRef<HTMLDivElement>(null);
  const instruments = state.status === 'ready' ? state.value : [];
  const selected = instruments.find((instrument) => instrument.id === selectedId) ?? null;
  const overdue = instruments.filter(
    (instrument) => instrument.calibrationState === 'overdue' && instrument.status === 'active',
  );

  useEffect(() => {
    if (selectedId) detailRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [selectedId]);

  const done = (instrument: InstrumentView, message: string) => {
    setOpen(null);
    setSelectedId(instrument.id);
    setFlash(message);
    reload();
  };
  const close = () => setOpen(null);

  const dialog = (() => {
    if (!open) return null;
    if (open.kind === 'register') {
      return (
        <InstrumentFormDialog
          instrument={null}
          onClose={close}
          onSaved={(instrument) => done(instrument, `Instrument ${instrument.assetId} registered.`)}
        />
      );
    }
    const { instrument } = open;
    switch (open.kind) {
      case 'edit':
        return (
          <InstrumentFormDialog
            instrument={instrument}
            onClose={close}
            onSaved={(saved) => done(saved, `Instrument ${saved.assetId} changed.`)}
          />
        );
      case 'check':
        return (
          <CheckDialog
            instrument={instrument}
            kind={open.check}
            onClose={close}
            onDone={(changed) =>
              done(changed, `${checkKindLabels[open.check]} of ${changed.assetId} recorded.`)
            }
          />
        );
      case 'status':
        return (
          <StatusDialog
            instrument={instrument}
            change={open.change}
            onClose={close}
            onDone={(changed) =>
              done(changed, `${changed.assetId}: ${instrumentStatusLabels[changed.status].toLowerCase()}.`)
            }
          />
        );
    }
  })();

  return (
    <div className="screen">
      <ScreenHeader
        title="Instruments"
        purpose="Balances, pH meters and scanners this site captures values with. A value is captured only from an instrument in service, with a valid calibration, reporting the registered serial number."
        action={
          mayManage ? (
            <button
              type="button"
              className="button button--primary button--large"
              onClick={() => setOpen({ kind: 'register' })}
              data-testid="register-instrument"
            >
              Register instrument
            </button>
          ) : null
        }
      />
      <Flash message={flash} />
      {overdue.length > 0 ? (
        <p className="instruments__overdue" role="alert" data-testid="overdue-summary">
          Calibration OVERDUE: {overdue.map((instrument) => instrument.assetId).join(', ')} — nothing is
          captured with {overdue.length === 1 ? 'it' : 'them'} until calibrated.
        </p>
      ) : null}
      <Panel title="Registered instruments" wide>
        {state.status === 'loading' ? <LoadingNotice what="instruments" /> : null}
        {state.status === 'failed' ? <ErrorNotice error={state.error.toData()} onRetry={reload} /> : null}
        {state.status === 'ready' ? (
          <InstrumentsTable
            instruments={instruments}
            selectedId={selectedId}
            timeZone={info.timeZone}
            onOpen={(instrument) => setSelectedId(instrument.id)}
          />
        ) : null}
      </Panel>
      <div ref={detailRef} className="instruments__detail">
        {selected ? (
          <InstrumentDetail
            instrument={selected}
            timeZone={info.timeZone}
            mayManage={mayManage}
            onAction={(action) => setOpen({ ...action, instrument: selected })}
          />
        ) : null}
      </div>
      {dialog}
    </div>
  );
}
