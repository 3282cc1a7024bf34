import { useState } from 'react';
import type { CaptureView, LiveInstrument } from '../../../shared/contract/live-instruments';
import type { EbrErrorData } from '../../../shared/errors';
import { call } from '../ipc/client';
import { toIpcError } from '../ipc/ipc-error';

export type InstrumentAction = 'tare' | 'zero' | 'capture';

/**
 * Tare, zero and capture for one instrument, one at a time: which one is running, and the core's
 * refusal of the last one (shown until the next action or another instrument is chosen).
 */
export function useInstrumentActions({
  batchId,
  stepId,
  update,
  onCaptured,
}: {
  batchId: string;
  stepId: string;
  update: (instrument: LiveInstrument) => void;
  onCaptured: (capture: CaptureView) => void;
}) {
  const [running, setRunning] = useState<InstrumentAction | null>(null);
  const [refusal, setRefusal] = useState<EbrErrorData | null>(null);

  const run = async <T>(action: InstrumentAction, request: () => Promise<T>, done: (answer: T) => void) => {
    if (running) return;
    setRunning(action);
    setRefusal(null);
    try {
      done(await request());
    } catch (error) {
      setRefusal(toIpcError(error).toData());
    } finally {
      setRunning(null);
    }
  };

  return {
    running,
    refusal,
    clearRefusal: () => setRefusal(null),
    tare: (instrumentId: string) => run('tare', () => call('instruments.tare', { instrumentId }), update),
    zero: (instrumentId: string) => run('zero', () => call('instruments.zero', { instrumentId }), update),
    capture: (instrumentId: string) =>
      run('capture', () => call('instruments.capture', { batchId, stepId, instrumentId }), onCaptured),
  };
}
