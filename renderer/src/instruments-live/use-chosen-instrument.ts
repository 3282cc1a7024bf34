import { useState } from 'react';
import type { LiveInstrument } from '../../../shared/contract/live-instruments';

/** The instrument a step would pick by itself: the one it names, else the first ready one, else the first. */
export function defaultInstrument(
  candidates: readonly LiveInstrument[],
  equipment: string | undefined,
): LiveInstrument | undefined {
  return (
    candidates.find((candidate) => candidate.assetId === equipment) ??
    candidates.find((candidate) => candidate.state === 'ready') ??
    candidates[0]
  );
}

/** The operator's choice among the candidates, kept while it stays one of them. */
export function useChosenInstrument(
  candidates: readonly LiveInstrument[],
  equipment: string | undefined,
): [LiveInstrument | undefined, (instrumentId: string) => void] {
  const [choice, setChoice] = useState<string | null>(null);
  const chosen =
    candidates.find((candidate) => candidate.instrumentId === choice) ??
    defaultInstrument(candidates, equipment);
  return [chosen, setChoice];
}
