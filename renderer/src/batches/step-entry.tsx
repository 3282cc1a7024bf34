import type { Ref } from 'react';
import type { BatchStepView } from '../../../shared/contract/batches';
import { CheckboxField } from '../ui/checkbox-field';
import { decimalsHint, EntryField } from './entry-field';
import type { EntryDraft, EntryField as Field } from './entry-draft';
import { ManualNotice } from './manual-notice';
import { ScannerSource } from '../instruments-live/scanner-source';
import { visibleCode } from './value-details';

export interface EntryProblem {
  field: Field;
  message: string;
}

/**
 * The controls of a step that records a typed value: tick boxes, a number with its unit, net and
 * tare, a scanned code. Steps that record nothing typed (instruction, timer, calculation) have none.
 */
export function StepEntry({
  step,
  draft,
  onDraftChange,
  disabled,
  problem,
  firstInputRef,
}: {
  step: BatchStepView;
  draft: EntryDraft;
  onDraftChange: (draft: EntryDraft) => void;
  disabled: boolean;
  problem: EntryProblem | null;
  firstInputRef?: Ref<HTMLInputElement>;
}) {
  const definition = step.definition;
  const errorOf = (field: Field) => (problem?.field === field ? problem.message : undefined);
  switch (definition.type) {
    case 'check':
      return (
        <fieldset className="check-entry" disabled={disabled} data-testid="check-entry">
          <legend className="check-entry__legend">Tick each item once it is true</legend>
          {definition.items.map((item, position) => (
            <CheckboxField
              key={position}
              checked={draft.checked[position] ?? false}
              onChange={(checked) =>
                onDraftChange({
                  ...draft,
                  checked: definition.items.map((_, at) =>
                    at === position ? checked : (draft.checked[at] ?? false),
                  ),
                })
              }
              testId="check-item"
            >
              {item}
            </CheckboxField>
          ))}
        </fieldset>
      );
    case 'numeric':
      return (
        <EntryField
          label="Value"
          value={draft.value}
          onChange={(value) => onDraftChange({ ...draft, value })}
          unit={definition.unit}
          hint={decimalsHint(definition.decimals)}
          error={errorOf('value')}
          disabled={disabled}
          testId="entry-value"
          inputRef={firstInputRef}
        />
      );
    case 'measurement':
      return (
        <div className="entry-group">
          {definition.source === 'instrument' ? (
            <ManualNotice gist="Typed by hand — needs second-person verification">
              No instrument captures this value: typed by hand, it needs second-person verification. Recorded
              as an exception.
            </ManualNotice>
          ) : null}
          <EntryField
            label={definition.quantity}
            value={draft.value}
            onChange={(value) => onDraftChange({ ...draft, value })}
            unit={definition.unit}
            hint={decimalsHint(definition.decimals)}
            error={errorOf('value')}
            disabled={disabled}
            testId="entry-value"
            inputRef={firstInputRef}
          />
        </div>
      );
    case 'weighing':
      return (
        <div className="entry-group">
          <ManualNotice gist="Manual entry — needs second-person verification">
            No balance captures this weight, so a supervisor verifies it here. Recorded as an exception.
          </ManualNotice>
          <div className="entry-group__row">
            <EntryField
              label="Net weight"
              value={draft.net}
              onChange={(net) => onDraftChange({ ...draft, net })}
              unit={definition.unit}
              hint={decimalsHint(definition.decimals)}
              error={errorOf('net')}
              disabled={disabled}
              testId="entry-net"
              inputRef={firstInputRef}
            />
            <EntryField
              label="Tare (optional)"
              value={draft.tare}
              onChange={(tare) => onDraftChange({ ...draft, tare })}
              unit={definition.unit}
              error={errorOf('tare')}
              disabled={disabled}
              testId="entry-tare"
            />
          </div>
        </div>
      );
    case 'scan':
      return (
        <div className="entry-group">
          <EntryField
            label="Scanned code"
            value={draft.code}
            onChange={(code) => onDraftChange({ ...draft, code, scan: null })}
            hint="Scan the label: the scanner types the code into this field and presses Enter. You can also type it."
            error={errorOf('code')}
            disabled={disabled}
            testId="entry-code"
            inputRef={firstInputRef}
            inputMode="text"
            code
          />
          {draft.code.includes('\u001d') ? (
            <p className="scan-read" data-testid="scan-read">
              Read: <code>{visibleCode(draft.code)}</code>
            </p>
          ) : null}
          {draft.scan ? <ScannerSource read={draft.scan} /> : null}
        </div>
      );
    default:
      return null;
  }
}
