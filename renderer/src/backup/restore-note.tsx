const RESTORE_COMMAND = [
  'npx ebr restore --in FILE.ebrbak \\',
  '    --data-dir NEW-FOLDER --recovery-key-file KEY-FILE',
].join('\n');

/** Restore is on the command line for now: into an empty folder, after every check passes. */
export function RestoreNote() {
  return (
    <div className="restore-note" data-testid="restore-note">
      <p className="lead">
        A backup is restored on the command line, into an empty or new folder, by someone holding the recovery
        key. It is accepted only after the same checks as “Verify a backup”; a damaged backup is refused with
        the reason and nothing is restored.
      </p>
      <pre className="restore-note__command">
        <code>{RESTORE_COMMAND}</code>
      </pre>
      <p className="muted">
        Afterwards <code className="inline-code">npx ebr verify-audit --data-dir NEW-FOLDER …</code> checks
        the restored audit trail and signatures. Details: docs/backup-restore.md.
      </p>
    </div>
  );
}
