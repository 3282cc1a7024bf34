const steps = ['First administrator', 'This terminal', 'Recovery key'] as const;

/** Where the person is in the three setup steps. */
export function WizardProgress({ current }: { current: 1 | 2 | 3 }) {
  return (
    <ol className="wizard-progress" aria-label="Setup steps">
      {steps.map((label, index) => {
        const number = index + 1;
        const state = number < current ? 'done' : number === current ? 'current' : 'pending';
        return (
          <li
            className={`wizard-progress__step wizard-progress__step--${state}`}
            key={label}
            aria-current={state === 'current' ? 'step' : undefined}
          >
            <span className="wizard-progress__number" aria-hidden="true">
              {state === 'done' ? '✓' : number}
            </span>
            <span className="wizard-progress__label">{label}</span>
          </li>
        );
      })}
    </ol>
  );
}
