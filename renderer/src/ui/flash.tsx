/** The outcome of the last action on a screen ("User op1 unlocked."), read out by screen readers. */
export function Flash({ message }: { message: string | null }) {
  return (
    <p className={message ? 'flash' : 'flash flash--empty'} role="status" data-testid="flash">
      {message ? (
        <>
          <span className="flash__symbol" aria-hidden="true">
            ✓
          </span>
          {message}
        </>
      ) : null}
    </p>
  );
}
