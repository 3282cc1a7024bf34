import { symbologyName } from './symbology';
import { captureTime } from './captured-value';
import type { ScannerRead } from './use-scanner-fill';
import { useSystemInfo } from '../system/system-info-context';
import '../styles/instruments-live.css';

/** Under a scan field filled by a serial scanner: which scanner read it, when, and as what symbology. */
export function ScannerSource({ read }: { read: ScannerRead }) {
  const { info } = useSystemInfo();
  return (
    <p className="scanner-source" data-testid="scan-source" data-scan-id={read.scanId}>
      <span className="scanner-source__symbol" aria-hidden="true">
        ▥
      </span>
      <span>
        Read by scanner <strong>{read.assetId}</strong>
        {read.symbology ? ` as ${symbologyName(read.symbology)}` : ''} ·{' '}
        {captureTime(read.receivedAtUtc, info.timeZone)}. Recorded with the scanner&rsquo;s read; typing in
        the field makes it a typed entry.
      </span>
    </p>
  );
}
