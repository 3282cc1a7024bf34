import { toleranceScale, type BandPosition, type ToleranceBand } from './capture-readiness';

const positionWords: Record<BandPosition, string> = {
  below: 'below the tolerance',
  inside: 'within the tolerance',
  above: 'above the tolerance',
};

/**
 * The weighing's tolerance band as a bar: the band in the middle third (min and max at its
 * edges, the target as a line), and the net on the pan as a marker — solid when stable, hollow
 * while the reading moves, pinned to an end with an arrow when the value is beyond the bar.
 */
export function ToleranceBar({
  band,
  value,
  unit,
  decimals,
  position,
  stable,
}: {
  band: ToleranceBand;
  value: number | null;
  unit: string;
  decimals: number;
  position: BandPosition | null;
  stable: boolean;
}) {
  const scale = toleranceScale(band, value);
  if (!scale || band.min === undefined || band.max === undefined) {
    return (
      <p className="tolerance-bar__none muted" data-testid="tolerance-bar-none">
        No tolerance for this weighing: the weight is recorded as it is.
      </p>
    );
  }
  const percent = (fraction: number) => `${(fraction * 100).toFixed(2)}%`;
  const text = (number: number) => number.toFixed(decimals);
  const markerTone = position === 'inside' ? 'in' : position === null ? 'none' : 'out';
  const description =
    value === null
      ? `No reading. Tolerance ${text(band.min)} – ${text(band.max)} ${unit}.`
      : `Net ${text(value)} ${unit}, ${position ? positionWords[position] : 'no band'} ${text(band.min)} – ${text(band.max)} ${unit}${stable ? '' : ', not stable'}.`;
  return (
    <figure
      className="tolerance-bar"
      data-testid="tolerance-bar"
      data-position={position ?? 'none'}
      data-stable={String(stable)}
      data-off-scale={scale.offScale ?? undefined}
    >
      <figcaption className="tolerance-bar__caption">
        <span>Tolerance</span>
        <strong data-testid="tolerance-range">
          {text(band.min)} – {text(band.max)} {unit}
        </strong>
      </figcaption>
      <div className="tolerance-bar__frame" role="img" aria-label={description}>
        {scale.target !== null && band.target !== undefined ? (
          <span
            className="tolerance-bar__target-label"
            style={{ left: percent(scale.target) }}
            data-testid="tolerance-target"
          >
            Target {text(band.target)}
          </span>
        ) : null}
        <div className="tolerance-bar__track">
          <span
            className="tolerance-bar__band"
            style={{ left: percent(scale.bandStart), width: percent(scale.bandEnd - scale.bandStart) }}
          />
          {scale.target !== null ? (
            <span className="tolerance-bar__target" style={{ left: percent(scale.target) }} />
          ) : null}
          {scale.marker !== null ? (
            <span
              className={`tolerance-bar__marker tolerance-bar__marker--${markerTone}${stable ? '' : ' tolerance-bar__marker--moving'}`}
              style={{ left: percent(scale.marker) }}
              data-testid="tolerance-marker"
            >
              {scale.offScale === 'below' ? (
                <span className="tolerance-bar__arrow tolerance-bar__arrow--left" aria-hidden="true">
                  ◀
                </span>
              ) : null}
              {scale.offScale === 'above' ? (
                <span className="tolerance-bar__arrow tolerance-bar__arrow--right" aria-hidden="true">
                  ▶
                </span>
              ) : null}
            </span>
          ) : null}
        </div>
        <span
          className="tolerance-bar__edge tolerance-bar__edge--min"
          style={{ right: percent(1 - scale.bandStart) }}
        >
          {text(band.min)}
        </span>
        <span
          className="tolerance-bar__edge tolerance-bar__edge--max"
          style={{ left: percent(scale.bandEnd) }}
        >
          {text(band.max)}
        </span>
      </div>
    </figure>
  );
}
