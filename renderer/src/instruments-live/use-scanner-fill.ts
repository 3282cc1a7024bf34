import { useEffect, useRef } from 'react';
import { onEvent } from '../ipc/client';
import { useLiveInstruments } from './live-instruments-context';

/** A code read by a registered serial scanner: recorded with the read's id, so its raw bytes go with it. */
export interface ScannerRead {
  scanId: string;
  instrumentId: string;
  assetId: string;
  symbology: string | null;
  receivedAtUtc: string;
}

/**
 * While `active` (a scan step is the operator's and nothing is being recorded), each code a
 * registered scanner reads is handed to `onScan`. Keyboard-wedge scanners need none of this:
 * they type into the field.
 */
export function useScannerFill(active: boolean, onScan: (code: string, read: ScannerRead) => void): void {
  const { live } = useLiveInstruments();
  const latest = useRef({ live, onScan });
  latest.current = { live, onScan };

  useEffect(() => {
    if (!active) return;
    return onEvent('instrument.scan', (scan) => {
      const scanner = latest.current.live.find((known) => known.instrumentId === scan.instrumentId);
      latest.current.onScan(scan.code, {
        scanId: scan.scanId,
        instrumentId: scan.instrumentId,
        assetId: scanner?.assetId ?? 'the scanner',
        symbology: scan.symbology,
        receivedAtUtc: scan.receivedAtUtc,
      });
    });
  }, [active]);
}
