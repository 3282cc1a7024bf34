import { useEffect, useState } from 'react';
import type { LiveInstrument, LiveReading } from '../../../shared/contract/live-instruments';
import { onEvent } from '../ipc/client';

/** The latest reading of one instrument: what the hub held when the widget opened, then every event. */
export function useLiveReading(instrument: LiveInstrument | undefined): LiveReading | null {
  const instrumentId = instrument?.instrumentId;
  const [reading, setReading] = useState<{ instrumentId: string | undefined; reading: LiveReading | null }>(
    () => ({ instrumentId, reading: instrument?.latest ?? null }),
  );
  // Another instrument chosen: start from what the hub last had of it.
  if (reading.instrumentId !== instrumentId) {
    setReading({ instrumentId, reading: instrument?.latest ?? null });
  }

  useEffect(() => {
    if (!instrumentId) return;
    return onEvent('instrument.reading', (event) => {
      if (event.instrumentId !== instrumentId) return;
      setReading({ instrumentId, reading: event.reading });
    });
  }, [instrumentId]);

  // A reading from before a disconnection is no longer what is on the pan.
  const connected = instrument?.state === 'ready';
  return connected && reading.instrumentId === instrumentId ? reading.reading : null;
}
