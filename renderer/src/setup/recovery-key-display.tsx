/** The recovery key as 16 groups of 4 in a 4 × 4 grid: written on paper and read back group by group. */
export function RecoveryKeyDisplay({ recoveryKey }: { recoveryKey: string }) {
  const groups = recoveryKey.split(/[\s-]+/).filter(Boolean);
  return (
    <div className="recovery-key" data-testid="recovery-key" aria-label="Recovery key">
      {groups.map((group, index) => (
        <span className="recovery-key__group" key={index}>
          <span className="recovery-key__index" aria-hidden="true">
            {index + 1}
          </span>
          <span className="recovery-key__digits" data-testid="recovery-key-group">
            {group}
          </span>
        </span>
      ))}
    </div>
  );
}
