/** Across the whole screen of a training batch: it is never a GMP record. */
export function TrainingWatermark() {
  return (
    <div className="training-watermark" aria-hidden="true" data-testid="training-watermark">
      <span className="training-watermark__text">TRAINING — not a GMP record</span>
    </div>
  );
}
