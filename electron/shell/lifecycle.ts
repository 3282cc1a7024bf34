import { app } from 'electron';

/** Holds the quit until `close` has finished, so the store is closed cleanly (WAL checkpoint). */
export function closeBeforeQuit(close: () => Promise<void>): void {
  let state: 'open' | 'closing' | 'closed' = 'open';
  app.on('will-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    close()
      .catch((error: unknown) => console.error('ebr: closing the core failed', error))
      .finally(() => {
        state = 'closed';
        app.quit();
      });
  });
}
