import { useState } from 'react';
import type { SetupResult } from '../../../shared/contract/identity';
import { useSubmit } from '../forms/use-submit';
import { call } from '../ipc/client';
import { AdminStep, type AdminDraft } from './admin-step';
import { RecoveryKeyStep } from './recovery-key-step';
import { TerminalStep, type TerminalDraft } from './terminal-step';
import { WizardProgress } from './wizard-progress';

type Step = { step: 1 } | { step: 2 } | { step: 3; result: SetupResult; createdAtUtc: string };

const titles = {
  1: 'Create the first administrator',
  2: 'Name this terminal',
  3: 'Store the recovery key',
} as const;

/**
 * First run on an empty data folder: administrator, terminal, then the recovery key shown once.
 * The store is created at the end of step 2; `onFinished` is called after the key is confirmed.
 */
export function SetupWizard({
  applicationVersion,
  onFinished,
}: {
  applicationVersion: string;
  onFinished: () => void;
}) {
  const [current, setCurrent] = useState<Step>({ step: 1 });
  const [admin, setAdmin] = useState<AdminDraft>({ username: '', fullName: '', password: '' });
  const [terminal, setTerminal] = useState<TerminalDraft>({ name: '', location: '' });
  const create = useSubmit();
  const finish = useSubmit();

  const createStore = async (chosen: TerminalDraft) => {
    setTerminal(chosen);
    const result = await create.run(() => call('setup.initialize', { admin, terminal: chosen }));
    if (result) setCurrent({ step: 3, result, createdAtUtc: new Date().toISOString() });
  };

  const confirm = async () => {
    const confirmed = await finish.run(() => call('setup.confirmRecoveryKey', {}));
    if (confirmed) onFinished();
  };

  return (
    <main className="state-screen wizard" data-testid="setup-wizard" data-step={current.step}>
      <div className="state-screen__card wizard__card">
        <p className="state-screen__kicker">First-run setup · Step {current.step} of 3</p>
        <WizardProgress current={current.step} />
        <h1 className="state-screen__title">{titles[current.step]}</h1>
        {current.step === 1 ? (
          <AdminStep
            initial={admin}
            onNext={(chosen) => {
              setAdmin(chosen);
              setCurrent({ step: 2 });
            }}
          />
        ) : null}
        {current.step === 2 ? (
          <TerminalStep
            initial={terminal}
            pending={create.pending}
            error={create.error?.toData() ?? null}
            onBack={(draft) => {
              setTerminal(draft);
              create.clearError();
              setCurrent({ step: 1 });
            }}
            onCreate={(chosen) => void createStore(chosen)}
          />
        ) : null}
        {current.step === 3 ? (
          <RecoveryKeyStep
            result={current.result}
            terminalName={terminal.name}
            createdAtUtc={current.createdAtUtc}
            pending={finish.pending}
            error={finish.error?.toData() ?? null}
            onFinish={() => void confirm()}
          />
        ) : null}
        <p className="state-screen__footer">EBR Workstation {applicationVersion}</p>
      </div>
    </main>
  );
}
