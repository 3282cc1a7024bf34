import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { InstrumentView } from '../../../shared/contract/instruments';
import type { LiveInstrument } from '../../../shared/contract/live-instruments';
import { call, onEvent } from '../ipc/client';

export interface LiveInstrumentsValue {
  /** False until the first answer: until then no step offers an instrument. */
  loaded: boolean;
  /** The instruments this terminal's device hub holds, in any state (ready, disconnected, refused…). */
  live: readonly LiveInstrument[];
  /** The register's view of each (calibration, limits, simulated), by instrument id. */
  registered: ReadonlyMap<string, InstrumentView>;
  /** An answer from tare, zero or stream that carries the instrument's state. */
  update: (instrument: LiveInstrument) => void;
}

const empty: LiveInstrumentsValue = {
  loaded: false,
  live: [],
  registered: new Map(),
  update: () => undefined,
};

const LiveInstrumentsContext = createContext<LiveInstrumentsValue>(empty);

/** Both lists at once; an operator without access to instruments sees none (manual entry only). */
async function loadBoth(): Promise<{ live: LiveInstrument[]; registered: InstrumentView[] }> {
  const [live, registered] = await Promise.all([
    call('instruments.live', {}).catch(() => [] as LiveInstrument[]),
    call('instruments.list', {}).catch(() => [] as InstrumentView[]),
  ]);
  return { live, registered };
}

/**
 * This terminal's instruments while a batch is executed: loaded once, then kept current by
 * `instrument.state` events (connect, disconnect, refused, tare). Readings are not held here —
 * a widget listens to its own instrument, so 20 readings a second redraw only the widget.
 */
export function LiveInstrumentsProvider({ children }: { children: ReactNode }) {
  const [loaded, setLoaded] = useState(false);
  const [live, setLive] = useState<readonly LiveInstrument[]>([]);
  const [registered, setRegistered] = useState<ReadonlyMap<string, InstrumentView>>(new Map());
  const [registerAttempt, setRegisterAttempt] = useState(0);

  const update = useCallback((instrument: LiveInstrument) => {
    setLive((current) => {
      const at = current.findIndex((known) => known.instrumentId === instrument.instrumentId);
      if (at < 0) return [...current, instrument];
      const next = [...current];
      next[at] = instrument;
      return next;
    });
  }, []);

  useEffect(() => {
    let current = true;
    void loadBoth().then((answer) => {
      if (!current) return;
      setLive(answer.live);
      setRegistered(new Map(answer.registered.map((instrument) => [instrument.id, instrument])));
      setLoaded(true);
    });
    return () => {
      current = false;
    };
  }, []);

  // A state change can follow a change in the register (new due date, another serial number): read it again.
  useEffect(() => {
    if (registerAttempt === 0) return;
    let current = true;
    const timer = setTimeout(() => {
      void call('instruments.list', {}).then(
        (list) => current && setRegistered(new Map(list.map((instrument) => [instrument.id, instrument]))),
        () => undefined,
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [registerAttempt]);

  useEffect(
    () =>
      onEvent('instrument.state', ({ instrument }) => {
        update(instrument);
        setRegisterAttempt((n) => n + 1);
      }),
    [update],
  );

  const value = useMemo(() => ({ loaded, live, registered, update }), [loaded, live, registered, update]);
  return <LiveInstrumentsContext value={value}>{children}</LiveInstrumentsContext>;
}

/** The terminal's instruments; outside a provider, none (every value is then typed by hand). */
export function useLiveInstruments(): LiveInstrumentsValue {
  return useContext(LiveInstrumentsContext);
}
