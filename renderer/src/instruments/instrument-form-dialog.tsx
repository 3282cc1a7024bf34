import { useId, useState, type FormEvent } from 'react';
import type { InstrumentView } from '../../../shared/contract/instruments';
import {
  instrumentKindLabels,
  instrumentKinds,
  protocolLabels,
  protocolsOfKind,
  type InstrumentKind,
  type InstrumentProtocol,
} from '../../../shared/instruments/instrument-kinds';
import { ReasonField, reasonError } from '../forms/reason-field';
import { useSubmit } from '../forms/use-submit';
import { call } from '../ipc/client';
import { useSystemInfo } from '../system/system-info-context';
import { CheckboxField } from '../ui/checkbox-field';
import { DateTimeField } from '../ui/date-time-field';
import { Dialog } from '../ui/dialog';
import { DialogActions } from '../ui/dialog-actions';
import { FormError } from '../ui/form-error';
import { SelectField, type SelectOption } from '../ui/select-field';
import { TextField } from '../ui/text-field';
import {
  balanceUnits,
  baudRates,
  draftOf,
  emptyDraft,
  fieldsOf,
  isBalance,
  withKind,
  type DraftField,
  type InstrumentDraft,
} from './instrument-draft';
import { PortListProblem, PortSuggestions, useSerialPorts } from './port-suggestions';
import { flowControlLabels } from './serial-settings';

/** Chosen from lists, so rarely wrong; what the schema says about them shows above the buttons. */
const choiceFields: DraftField[] = [
  'kind',
  'protocol',
  'baudRate',
  'dataBits',
  'parity',
  'stopBits',
  'flowControl',
  'terminalId',
  'unit',
];

/** Short enough for the select; the full name shows under it. */
const protocolShortLabels: Record<InstrumentProtocol, string> = {
  'mt-sics': 'MT-SICS',
  'sartorius-sbi': 'Sartorius SBI',
  and: 'A&D',
  'ph-mt': 'pH (MT-SICS style)',
  scanner: 'Serial scanner',
};

const options = (values: readonly string[], label: (value: string) => string = (value) => value) =>
  values.map((value): SelectOption => ({ value, label: label(value) }));

/** The serial line settings, shown two by two. */
const serialPairs: { field: DraftField; label: string; options: SelectOption[]; testId: string }[][] = [
  [
    { field: 'baudRate', label: 'Baud rate', options: options(baudRates), testId: 'instrument-baud' },
    { field: 'dataBits', label: 'Data bits', options: options(['7', '8']), testId: 'instrument-data-bits' },
  ],
  [
    {
      field: 'parity',
      label: 'Parity',
      options: options(['none', 'even', 'odd'], (parity) => parity[0]!.toUpperCase() + parity.slice(1)),
      testId: 'instrument-parity',
    },
    { field: 'stopBits', label: 'Stop bits', options: options(['1', '2']), testId: 'instrument-stop-bits' },
  ],
];

/** A balance's range, each in its unit. */
const balanceRange: { field: DraftField; label: string; hint?: string; testId: string }[] = [
  { field: 'capacity', label: 'Capacity', testId: 'instrument-capacity' },
  { field: 'readability', label: 'Readability d', testId: 'instrument-readability' },
  {
    field: 'minimumWeight',
    label: 'Minimum weight',
    hint: 'USP <41>: net weights below it are refused.',
    testId: 'instrument-minimum-weight',
  },
];

/**
 * Registers an instrument or changes one: every fact the drivers and the capture checks rely on,
 * checked with the core's own schema, saved with a reason (audited).
 */
export function InstrumentFormDialog({
  instrument,
  onClose,
  onSaved,
}: {
  /** Null: register a new one. */
  instrument: InstrumentView | null;
  onClose: () => void;
  onSaved: (instrument: InstrumentView) => void;
}) {
  const { info } = useSystemInfo();
  const [draft, setDraft] = useState<InstrumentDraft>(() => (instrument ? draftOf(instrument) : emptyDraft));
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const { pending, error, run } = useSubmit();
  const parsed = fieldsOf(draft);
  const shown = (field: DraftField) => (tried && !parsed.ok ? parsed.errors[field] : undefined);
  const set = (field: DraftField) => (value: string) =>
    setDraft((current) => ({ ...current, [field]: value }));
  /** A field's value, its change and, for text fields, its error. */
  const chosen = (field: DraftField) => ({ value: draft[field], onChange: set(field) });
  const typed = (field: DraftField) => ({ ...chosen(field), error: shown(field) });
  const balance = isBalance(draft);
  const { ports, problem: portsProblem } = useSerialPorts();
  const portListId = useId();

  const terminalOptions: SelectOption[] = [{ value: '', label: 'Not assigned (any terminal)' }];
  if (info.terminal) terminalOptions.push({ value: info.terminal.id, label: `${info.terminal.name} (here)` });
  if (instrument?.terminalId && instrument.terminalId !== info.terminal?.id) {
    terminalOptions.push({
      value: instrument.terminalId,
      label: instrument.terminalName ?? instrument.terminalId,
    });
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!parsed.ok || reasonError(reason)) return;
    const saved = await run(() =>
      instrument
        ? call('instruments.update', { instrumentId: instrument.id, fields: parsed.fields, reason })
        : call('instruments.register', { fields: parsed.fields, reason }),
    );
    if (saved) onSaved(saved);
  };

  return (
    <Dialog
      title={instrument ? `Change ${instrument.assetId}` : 'Register instrument'}
      onClose={onClose}
      testId="instrument-form-dialog"
    >
      <form className="form" onSubmit={submit} noValidate>
        <div className="instrument-form">
          <fieldset className="instrument-form__group">
            <legend className="instrument-form__legend">Instrument</legend>
            <SelectField
              label="Kind"
              value={draft.kind}
              options={options(instrumentKinds, (kind) => instrumentKindLabels[kind as InstrumentKind])}
              onChange={(kind) => setDraft((current) => withKind(current, kind as InstrumentKind))}
              testId="instrument-kind"
            />
            <SelectField
              label="Protocol"
              value={draft.protocol}
              options={options(
                protocolsOfKind[draft.kind],
                (protocol) => protocolShortLabels[protocol as InstrumentProtocol],
              )}
              onChange={(protocol) =>
                setDraft((current) => ({ ...current, protocol: protocol as InstrumentProtocol }))
              }
              hint={protocolLabels[draft.protocol]}
              testId="instrument-protocol"
            />
            <TextField
              label="Asset id"
              {...typed('assetId')}
              hint="As on the asset label, e.g. EQ-BAL-032. Recipes name instruments by it."
              code
              autoFocus={!instrument}
              testId="instrument-asset-id"
            />
            <TextField label="Model" {...typed('model')} testId="instrument-model" />
            <TextField
              label="Serial number (as on the plate)"
              {...typed('expectedSerialNumber')}
              hint="On connect the instrument must report this number, or nothing is captured."
              code
              testId="instrument-serial-number"
            />
          </fieldset>
          <fieldset className="instrument-form__group">
            <legend className="instrument-form__legend">Connection</legend>
            <TextField
              label="Serial port"
              {...typed('port')}
              hint="Typed as the system names it: COM3 on Windows, /dev/ttyUSB0 on Linux. The ports this computer lists are offered."
              code
              list={portListId}
              testId="instrument-port"
            />
            <PortSuggestions id={portListId} ports={ports} />
            <PortListProblem problem={portsProblem} />
            {serialPairs.map((pair) => (
              <div className="instrument-form__pair" key={pair[0]!.field}>
                {pair.map(({ field, label, options, testId }) => (
                  <SelectField
                    key={field}
                    label={label}
                    options={options}
                    {...chosen(field)}
                    testId={testId}
                  />
                ))}
              </div>
            ))}
            <SelectField
              label="Handshake"
              {...chosen('flowControl')}
              options={options(
                Object.keys(flowControlLabels),
                (flow) => flowControlLabels[flow as keyof typeof flowControlLabels],
              )}
              hint={draft.protocol === 'mt-sics' ? 'MT-SICS factory default: 9600 8N1, Xon/Xoff.' : undefined}
              testId="instrument-flow-control"
            />
            <SelectField
              label="Terminal"
              options={terminalOptions}
              {...chosen('terminalId')}
              hint="The workstation the instrument is connected to."
              testId="instrument-terminal"
            />
          </fieldset>
          <fieldset className="instrument-form__group">
            <legend className="instrument-form__legend">
              {balance ? 'Range and calibration' : 'Calibration'}
            </legend>
            {balance ? (
              <>
                <SelectField
                  label="Unit"
                  options={options(balanceUnits)}
                  {...chosen('unit')}
                  testId="instrument-unit"
                />
                {balanceRange.map(({ field, label, hint, testId }) => (
                  <TextField
                    key={field}
                    label={`${label} (${draft.unit})`}
                    {...typed(field)}
                    hint={hint}
                    testId={testId}
                  />
                ))}
              </>
            ) : null}
            <DateTimeField
              label="Calibration due"
              {...typed('calibrationDue')}
              hint={`Local time (${info.timeZone}). From then on nothing is captured with it.`}
              testId="instrument-calibration-due"
            />
            <CheckboxField
              checked={draft.simulated}
              onChange={(simulated) => setDraft((current) => ({ ...current, simulated }))}
              detail="For training only: shown as SIMULATED wherever it appears."
              testId="instrument-simulated"
            >
              Simulated instrument
            </CheckboxField>
          </fieldset>
        </div>
        {tried && !parsed.ok
          ? [...parsed.other, ...choiceFields.map((field) => parsed.errors[field])]
              .filter((message) => message !== undefined)
              .map((message) => (
                <p className="field__error" key={message}>
                  {message}
                </p>
              ))
          : null}
        <ReasonField value={reason} onChange={setReason} error={tried ? reasonError(reason) : undefined} />
        <FormError error={error?.toData() ?? null} />
        <DialogActions
          submitLabel={instrument ? 'Save changes' : 'Register instrument'}
          pendingLabel="Saving…"
          pending={pending}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
