import { useState, type FormEvent } from 'react';
import { setupInputSchema } from '../../../shared/contract/inputs';
import { fieldError } from '../forms/field-error';
import { TextField } from '../ui/text-field';
import { FormError } from '../ui/form-error';
import type { EbrErrorData } from '../../../shared/errors';

export interface TerminalDraft {
  name: string;
  location: string;
}

const terminalFields = setupInputSchema.shape.terminal.shape;

/** Step 2: what this installation is called and where it stands; then the store is created. */
export function TerminalStep({
  initial,
  pending,
  error,
  onBack,
  onCreate,
}: {
  initial: TerminalDraft;
  pending: boolean;
  error: EbrErrorData | null;
  onBack: (terminal: TerminalDraft) => void;
  onCreate: (terminal: TerminalDraft) => void;
}) {
  const [name, setName] = useState(initial.name);
  const [location, setLocation] = useState(initial.location);
  const [tried, setTried] = useState(false);
  const errors = {
    name: fieldError(terminalFields.name, name),
    location: fieldError(terminalFields.location, location),
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!errors.name && !errors.location) onCreate({ name: name.trim(), location: location.trim() });
  };

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="setup-terminal-step">
      <p className="lead">
        The name is printed on every record made here. This terminal gets its own key pair and is registered
        to this store as the first terminal.
      </p>
      <div className="form__row">
        <TextField
          label="Terminal name"
          value={name}
          onChange={setName}
          error={tried ? errors.name : undefined}
          hint="For example WS-GRAN-01."
          autoFocus
          testId="setup-terminal-name"
        />
        <TextField
          label="Location"
          value={location}
          onChange={setLocation}
          error={tried ? errors.location : undefined}
          hint="Building, room or line."
          testId="setup-terminal-location"
        />
      </div>
      <FormError error={error} />
      <div className="form__actions form__actions--split">
        <button
          type="button"
          className="button button--large"
          onClick={() => onBack({ name, location })}
          disabled={pending}
        >
          Back
        </button>
        <button
          type="submit"
          className="button button--primary button--large"
          disabled={pending}
          data-testid="setup-create"
        >
          {pending ? 'Creating the encrypted store…' : 'Create the store'}
        </button>
      </div>
    </form>
  );
}
