import { B2MML_ACKNOWLEDGEMENT } from '../../../shared/acknowledgements';
import { CIPHER_DESCRIPTION } from '../../../db/open';
import { applicationName, applicationVersion } from '../../core/app-version';
import { isDemoStore } from '../../core/demo/demo-mark';
import { formatFingerprint } from '../../core/terminal/terminal-key';
import { describeFinding } from '../../core/audit/anchor-check';
import { folderPosition, headFileMissing } from '../folder-position';
import type { CliIo } from '../io';
import { openFolderFromOptions } from '../open-folder';
import type { ParsedOptions } from '../options';

export async function infoCommand(options: ParsedOptions, io: CliIo): Promise<number> {
  const folder = await openFolderFromOptions(options);
  try {
    const { sqlite } = folder.store;
    const count = (table: string) => sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    const head =
      sqlite.prepare('SELECT seq, hash, at_utc AS atUtc FROM audit_trail ORDER BY seq DESC LIMIT 1').get() ??
      null;
    const info = {
      application: { name: applicationName, version: applicationVersion },
      dataDir: folder.dataDir,
      schemaVersion: folder.store.schemaVersion,
      latestSchemaVersion: folder.store.latestSchemaVersion,
      encryption: { encrypted: true, cipher: CIPHER_DESCRIPTION },
      demo: isDemoStore(sqlite),
      terminal: {
        id: folder.terminal.id,
        name: folder.terminal.name,
        location: folder.terminal.location,
        fingerprint: formatFingerprint(folder.terminal.key.fingerprint),
      },
      counts: {
        users: count('users'),
        terminals: count('terminals'),
        auditRows: count('audit_trail'),
        auditCheckpoints: count('audit_checkpoints'),
      },
      auditHead: head,
    };
    // A folder behind its anchor outside the folder is a rollback: exit 1, as the app refuses it.
    const position = await folderPosition(folder, folder.keyProvider);
    const exitCode = position.rollback ? 1 : 0;
    if (options.json !== undefined) {
      io.out(
        JSON.stringify(
          {
            ...info,
            headFile: position.headFileMissing ? 'missing' : 'present',
            anchors: position.anchors,
            rolledBack: position.rollback !== undefined,
          },
          null,
          2,
        ),
      );
      return exitCode;
    }
    io.out(`${info.application.name} ${info.application.version}`);
    io.out(B2MML_ACKNOWLEDGEMENT);
    if (info.demo) io.out('DEMO:          a demonstration store (ebr demo) — never for records');
    io.out(`Data folder:   ${info.dataDir}`);
    io.out(`Encryption:    ${info.encryption.cipher}`);
    io.out(`Schema:        version ${info.schemaVersion} of ${info.latestSchemaVersion}`);
    io.out(
      `Terminal:      ${info.terminal.name} (${info.terminal.location || 'no location'}), id ${info.terminal.id}`,
    );
    io.out(`Key:           ${info.terminal.fingerprint}`);
    io.out(`Users:         ${info.counts.users}`);
    io.out(
      `Audit trail:   ${info.counts.auditRows} rows, ${info.counts.auditCheckpoints} signed checkpoints`,
    );
    io.out(
      `Head file:     ${position.headFileMissing ? headFileMissing(folder.mirrorFile) : `present (${folder.mirrorFile})`}`,
    );
    for (const finding of position.anchors)
      (finding === position.rollback ? io.err : io.out)(
        `${finding === position.rollback ? 'ROLLED BACK: ' : 'Anchor:        '}${describeFinding(finding)}`,
      );
    return exitCode;
  } finally {
    folder.store.close();
  }
}
