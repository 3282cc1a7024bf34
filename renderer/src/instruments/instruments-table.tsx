import type { InstrumentView } from '../../../shared/contract/instruments';
import { instrumentKindLabels } from '../../../shared/instruments/instrument-kinds';
import { DataTable, type Column } from '../ui/data-table';
import { CalibrationBadge, InstrumentStatusBadge, SimulatedBadge } from './instrument-badges';
import { LocalStamp } from './local-stamp';
import { serialSettingsText } from './serial-settings';

function WeighingRange({ instrument }: { instrument: InstrumentView }) {
  const { capacity, readability, minimumWeight, unit } = instrument;
  if (capacity === null && readability === null && minimumWeight === null) {
    return <span className="muted">—</span>;
  }
  const withUnit = (value: number | null) => (value === null ? '—' : `${value} ${unit ?? ''}`.trim());
  return (
    <span className="table__stack instrument-range" data-testid="instrument-range">
      <span>Max {withUnit(capacity)}</span>
      <span>d {withUnit(readability)}</span>
      <span>Min {withUnit(minimumWeight)}</span>
    </span>
  );
}

/** Every registered instrument with what a technician checks at a glance: connection, limits, calibration. */
export function InstrumentsTable({
  instruments,
  selectedId,
  timeZone,
  onOpen,
}: {
  instruments: readonly InstrumentView[];
  selectedId: string | null;
  timeZone: string;
  onOpen: (instrument: InstrumentView) => void;
}) {
  const columns: Column<InstrumentView>[] = [
    {
      header: 'Instrument',
      cell: (instrument) => (
        <span className="table__stack">
          <button
            type="button"
            className="instrument-open"
            onClick={() => onOpen(instrument)}
            aria-pressed={instrument.id === selectedId}
            title={`Show ${instrument.assetId}: facts, actions and check history`}
            data-testid="row-open"
          >
            {instrument.assetId}
          </button>
          <span>
            {instrumentKindLabels[instrument.kind]} · {instrument.model}
          </span>
          <span className="table__sub" data-testid="instrument-serial-number">
            S/N {instrument.expectedSerialNumber}
          </span>
          <SimulatedBadge instrument={instrument} />
        </span>
      ),
    },
    {
      header: 'Connection',
      cell: (instrument) => (
        <span className="table__stack">
          <span className="table__sub">{instrument.port}</span>
          <span className="instrument-serial" data-testid="instrument-serial-settings">
            {serialSettingsText(instrument.serial)}
          </span>
          <span className="table__sub">{instrument.protocol}</span>
        </span>
      ),
    },
    { header: 'Range', cell: (instrument) => <WeighingRange instrument={instrument} /> },
    {
      header: 'Calibration due',
      cell: (instrument) => (
        <span className="table__stack">
          <CalibrationBadge state={instrument.calibrationState} />
          {instrument.calibrationDueUtc ? (
            <LocalStamp iso={instrument.calibrationDueUtc} timeZone={timeZone} />
          ) : null}
        </span>
      ),
    },
    {
      header: 'Status',
      cell: (instrument) => (
        <span className="table__stack">
          <InstrumentStatusBadge status={instrument.status} />
          <span className="table__time" data-testid="instrument-terminal">
            {instrument.terminalName ? `at ${instrument.terminalName}` : 'any terminal'}
          </span>
        </span>
      ),
    },
  ];
  return (
    <DataTable
      caption="Registered instruments"
      columns={columns}
      rows={instruments}
      rowKey={(instrument) => instrument.assetId}
      rowTestId="instrument-row"
      empty="No instrument is registered yet."
      rowClassName={(instrument) => {
        if (instrument.id === selectedId) return 'table__row--selected';
        return instrument.status === 'retired' ? 'table__row--inactive' : undefined;
      }}
    />
  );
}
