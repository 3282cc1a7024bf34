import type { InstrumentView } from '../../../shared/contract/instruments';
import { instrumentKindLabels, protocolLabels } from '../../../shared/instruments/instrument-kinds';
import { FactList, type Fact } from '../ui/fact-list';
import { Panel } from '../ui/panel';
import { CheckHistory } from './check-history';
import type { CheckKind } from './check-dialog';
import { CalibrationBadge, InstrumentStatusBadge, SimulatedBadge } from './instrument-badges';
import { localMinuteWithZone } from './instrument-time';
import type { StatusChange } from './status-dialog';
import { serialSettingsText } from './serial-settings';

export type InstrumentAction =
  { kind: 'edit' } | { kind: 'check'; check: CheckKind } | { kind: 'status'; change: StatusChange };

/** One instrument: its registered facts, what a technician can do with it, and its check history. */
export function InstrumentDetail({
  instrument,
  timeZone,
  mayManage,
  onAction,
}: {
  instrument: InstrumentView;
  timeZone: string;
  mayManage: boolean;
  onAction: (action: InstrumentAction) => void;
}) {
  const withUnit = (value: number | null) =>
    value === null ? '—' : `${value} ${instrument.unit ?? ''}`.trim();
  const identity: Fact[] = [
    { label: 'Kind', value: instrumentKindLabels[instrument.kind] },
    { label: 'Model', value: instrument.model },
    { label: 'Serial number', value: instrument.expectedSerialNumber, code: true },
    { label: 'Protocol', value: protocolLabels[instrument.protocol] },
    { label: 'Port', value: instrument.port, code: true },
    { label: 'Serial settings', value: serialSettingsText(instrument.serial) },
    { label: 'Terminal', value: instrument.terminalName ?? 'Not assigned (any terminal)' },
  ];
  const state: Fact[] = [
    ...(instrument.kind === 'balance'
      ? [
          { label: 'Capacity', value: withUnit(instrument.capacity) },
          { label: 'Readability d', value: withUnit(instrument.readability) },
          { label: 'Minimum weight', value: withUnit(instrument.minimumWeight) },
        ]
      : []),
    {
      label: 'Calibration due',
      value: (
        <span className="instrument-detail__due">
          <CalibrationBadge state={instrument.calibrationState} />
          {instrument.calibrationDueUtc ? localMinuteWithZone(instrument.calibrationDueUtc, timeZone) : null}
        </span>
      ),
      testId: 'detail-calibration',
    },
    { label: 'Status', value: <InstrumentStatusBadge status={instrument.status} /> },
    { label: 'Registered', value: localMinuteWithZone(instrument.createdAtUtc, timeZone) },
    { label: 'Last changed', value: localMinuteWithZone(instrument.updatedAtUtc, timeZone) },
  ];
  const retired = instrument.status === 'retired';
  const button = (label: string, action: InstrumentAction, testId: string, tone = 'button') => (
    <button
      type="button"
      className={`${tone} button--large`}
      onClick={() => onAction(action)}
      data-testid={testId}
    >
      {label}
    </button>
  );

  return (
    <Panel title={`${instrument.assetId} — ${instrument.model}`} wide>
      <div className="instrument-detail" data-testid="instrument-detail">
        <SimulatedBadge instrument={instrument} />
        {instrument.calibrationState === 'overdue' && !retired ? (
          <p className="instrument-detail__warning" role="alert" data-testid="calibration-overdue">
            Calibration expired
            {instrument.calibrationDueUtc
              ? ` on ${localMinuteWithZone(instrument.calibrationDueUtc, timeZone)}`
              : ''}
            : nothing is captured with {instrument.assetId} until a passed calibration is recorded.
          </p>
        ) : null}
        <div className="instrument-detail__facts">
          <FactList facts={identity} />
          <FactList facts={state} />
        </div>
        {mayManage && !retired ? (
          <div className="instrument-detail__actions">
            {button(
              'Record calibration',
              { kind: 'check', check: 'calibration' },
              'record-calibration',
              'button button--primary',
            )}
            {button('Record daily check', { kind: 'check', check: 'daily-check' }, 'record-daily-check')}
            {button('Change', { kind: 'edit' }, 'edit-instrument')}
            {instrument.status === 'active'
              ? button(
                  'Take out of service',
                  { kind: 'status', change: 'out-of-service' },
                  'take-out-of-service',
                  'button button--danger-outline',
                )
              : button('Return to service', { kind: 'status', change: 'active' }, 'return-to-service')}
            {button(
              'Retire',
              { kind: 'status', change: 'retired' },
              'retire-instrument',
              'button button--danger-outline',
            )}
          </div>
        ) : null}
        <h3 className="instrument-detail__heading">Calibrations and daily checks</h3>
        <CheckHistory checks={instrument.checks} timeZone={timeZone} />
      </div>
    </Panel>
  );
}
