import { auditActionLabel } from '../../../shared/audit/action-labels';
import { visibleText } from '../../../shared/text/display-text';
import { useId, useState, type FormEvent } from 'react';
import type { AuditFilter, PersonRef } from '../../../shared/contract/audit-trail';
import { DateTimeField } from '../ui/date-time-field';
import { SelectField } from '../ui/select-field';
import { TextField } from '../ui/text-field';
import { entityTypeLabel, knownActions, knownEntityTypes } from './entity-types';
import {
  draftToFilter,
  emptyDraft,
  OTHER_ENTITY_TYPE,
  type FilterDraft,
  type FilterErrors,
} from './filter-draft';

const entityTypeOptions = [
  { value: '', label: 'Any' },
  ...knownEntityTypes.map((type) => ({ value: type, label: entityTypeLabel(type) })),
  { value: OTHER_ENTITY_TYPE, label: 'Other…' },
];

function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** What to look for: entity, person, action, time range, text. Applied only when the form is valid. */
export function AuditFilterForm({
  people,
  onApply,
}: {
  people: readonly PersonRef[];
  onApply: (filter: AuditFilter) => void;
}) {
  const [draft, setDraft] = useState<FilterDraft>(emptyDraft);
  const [errors, setErrors] = useState<FilterErrors>({});
  const [open, setOpen] = useState(false);
  const actionsListId = useId();
  const set = (field: keyof FilterDraft) => (value: string) => {
    setDraft((current) => ({ ...current, [field]: value }));
    // A corrected field loses its error; the others keep theirs until the next "Apply".
    const shownAs: keyof FilterErrors = field === 'otherEntityType' ? 'entityType' : field;
    setErrors((current) => (current[shownAs] ? { ...current, [shownAs]: undefined } : current));
  };

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const result = draftToFilter(draft);
    setErrors(result.ok ? {} : result.errors);
    // A refused filter opens the form, so the field it names is in view.
    if (!result.ok && Object.keys(result.errors).some((field) => field !== 'text')) setOpen(true);
    if (result.ok) onApply(result.filter);
  };
  const clear = () => {
    setDraft(emptyDraft);
    setErrors({});
    onApply({});
  };

  const userOptions = [
    { value: '', label: 'Anyone' },
    ...people.map((person) => ({
      value: person.id,
      label: visibleText(`${person.fullName} (${person.username})`),
    })),
  ];
  const textId = `${actionsListId}-text`;
  return (
    <form className="form audit-filter" onSubmit={apply} noValidate data-testid="audit-filter">
      {/* One line until opened: the search text and the actions; the other filters on demand. */}
      <div className="audit-filter__line">
        <button
          type="button"
          className="button button--large audit-filter__toggle"
          aria-expanded={open}
          aria-controls={`${actionsListId}-more`}
          onClick={() => setOpen(!open)}
          data-testid="audit-filter-toggle"
        >
          <span aria-hidden="true">{open ? '▾' : '▸'}</span> {open ? 'Fewer filters' : 'More filters'}
        </button>
        <label className="audit-filter__text-label" htmlFor={textId}>
          Search
        </label>
        <input
          id={textId}
          className="field__input audit-filter__text"
          value={draft.text}
          onChange={(event) => set('text')(event.target.value)}
          placeholder="Names, actions, ids, reasons, values"
          aria-invalid={errors.text ? true : undefined}
          aria-describedby={errors.text ? `${textId}-error` : undefined}
          spellCheck={false}
          data-testid="filter-text"
        />
        <button type="submit" className="button button--primary button--large" data-testid="filter-apply">
          Apply filter
        </button>
        <button type="button" className="button button--large" onClick={clear} data-testid="filter-clear">
          Clear
        </button>
      </div>
      {errors.text ? (
        <p className="field__error" id={`${textId}-error`} role="alert">
          {errors.text}
        </p>
      ) : null}
      <div
        className="audit-filter__grid"
        id={`${actionsListId}-more`}
        hidden={!open}
        data-testid="audit-filter-form"
      >
        <SelectField
          label="Entity type"
          value={draft.entityType}
          options={entityTypeOptions}
          onChange={set('entityType')}
          testId="filter-entity-type"
        />
        {draft.entityType === OTHER_ENTITY_TYPE ? (
          <TextField
            label="Other entity type"
            value={draft.otherEntityType}
            onChange={set('otherEntityType')}
            error={errors.entityType}
            testId="filter-entity-type-other"
            code
          />
        ) : null}
        <TextField
          label="Entity id"
          value={draft.entityId}
          onChange={set('entityId')}
          error={errors.entityId}
          testId="filter-entity-id"
          code
        />
        <SelectField
          label="User"
          value={draft.userId}
          options={userOptions}
          onChange={set('userId')}
          testId="filter-user"
        />
        <div className="field">
          <label className="field__label" htmlFor={`${actionsListId}-input`}>
            Action
          </label>
          <input
            id={`${actionsListId}-input`}
            className="field__input field__input--code"
            list={actionsListId}
            value={draft.action}
            onChange={(event) => set('action')(event.target.value)}
            autoComplete="off"
            spellCheck={false}
            data-testid="filter-action"
          />
          <datalist id={actionsListId}>
            {knownActions.map((action) => (
              <option key={action} value={action} label={auditActionLabel(action)} />
            ))}
          </datalist>
          {errors.action ? <p className="field__error">{errors.action}</p> : null}
        </div>
        <DateTimeField
          label="From"
          value={draft.from}
          onChange={set('from')}
          error={errors.from}
          hint={`Local time (${localZone()})`}
          testId="filter-from"
        />
        <DateTimeField
          label="Until"
          value={draft.until}
          onChange={set('until')}
          error={errors.until}
          hint="Local time, the whole minute included"
          testId="filter-until"
        />
      </div>
    </form>
  );
}
