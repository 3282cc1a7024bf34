import type { CaptureView } from '../../../shared/contract/live-instruments';
import { formatUtcInstant } from '../format/time';
import { zonedTime } from '../format/zoned-time';
import { useSystemInfo } from '../system/system-info-context';

/** `2026-11-02 09:15:27 CET (08:15:27 UTC)`: the second a captured value arrived. */
export function captureTime(isoUtc: string, timeZone: string): string {
  const zoned = zonedTime(isoUtc, timeZone);
  const utc = formatUtcInstant(isoUtc);
  return zoned ? `${zoned.date} ${zoned.time} ${zoned.zoneName} (${utc.slice(11)})` : utc;
}

/**
 * A value taken from the instrument and stored by the core, not yet recorded for the step: what
 * the signatures will be about, with the instrument's serial number and the time it arrived.
 */
export function CapturedValue({
  capture,
  quantity,
  decimals,
  onDiscard,
  disabled,
}: {
  capture: CaptureView;
  /** The step's decimals, for the tare (the value keeps the instrument's own digits). */
  decimals: number;
  /** "Net weight", "pH". */
  quantity: string;
  onDiscard: () => void;
  disabled: boolean;
}) {
  const { info } = useSystemInfo();
  return (
    <section className="captured-value" aria-label="Captured value" data-testid="captured-value">
      <p className="captured-value__head">
        <span className="captured-value__symbol" aria-hidden="true">
          ✓
        </span>
        Captured from {capture.assetId}
      </p>
      <p className="captured-value__value">
        <span className="captured-value__label">{quantity}</span>
        <strong data-testid="captured-value-text">
          {capture.valueText} {capture.unit}
        </strong>
        {capture.tare !== null ? (
          <span className="captured-value__tare" data-testid="captured-tare">
            tare {capture.tare.toFixed(decimals)} {capture.unit}
          </span>
        ) : null}
      </p>
      <dl className="captured-value__facts">
        <div>
          <dt>Serial number</dt>
          <dd data-testid="captured-serial">{capture.serialNumber}</dd>
        </div>
        <div>
          <dt>Received</dt>
          <dd data-testid="captured-time">{captureTime(capture.receivedAtUtc, info.timeZone)}</dd>
        </div>
      </dl>
      <div className="captured-value__actions">
        <button
          type="button"
          className="button"
          onClick={onDiscard}
          disabled={disabled}
          data-testid="capture-again"
        >
          Discard and capture again
        </button>
      </div>
    </section>
  );
}
