import { hostname, userInfo } from 'node:os';
import { resolve } from 'node:path';
import { systemClock } from '../../core/clock';
import { enrolTerminal } from '../../core/plant/enrol';
import { startRuntime } from '../../core/startup';
import type { CliIo } from '../io';
import { requireOption, type ParsedOptions } from '../options';
import { keyProviderFromFile } from '../recovery-key-file';

/**
 * `ebr terminal enrol --data-dir DIR --recovery-key-file F --server URL --code CODE
 * [--server-fingerprint FP]`: registers this terminal with the plant server and pins its keys.
 */
export async function terminalEnrolCommand(options: ParsedOptions, io: CliIo): Promise<number> {
  const dataDir = resolve(requireOption(options, 'data-dir'));
  const keyProvider = keyProviderFromFile(resolve(requireOption(options, 'recovery-key-file')));
  const serverUrl = requireOption(options, 'server');
  const code = requireOption(options, 'code');
  const runtime = await startRuntime(dataDir, keyProvider, systemClock);
  try {
    const link = await enrolTerminal(
      {
        dataDir,
        sqlite: runtime.store.sqlite,
        terminal: runtime.terminal,
        audit: runtime.audit,
        clock: systemClock,
        actor: {
          userId: null,
          userName: `recovery-key holder via ebr CLI (${userInfo().username}@${hostname()})`,
        },
      },
      {
        serverUrl,
        code,
        ...(options['server-fingerprint'] && { expectedTlsFingerprint: options['server-fingerprint'] }),
      },
    );
    if (options.json !== undefined)
      io.out(
        JSON.stringify({
          nodeId: link.nodeId,
          serverUrl: link.serverUrl,
          serverFingerprint: link.serverFingerprint,
          tlsFingerprint: link.tlsFingerprint,
        }),
      );
    else {
      io.out(`Terminal ${runtime.terminal.name} (${link.nodeId}) enrolled with ${link.serverUrl}; audited.`);
      io.out(`Pinned: server key ${link.serverFingerprint}, TLS certificate ${link.tlsFingerprint}.`);
    }
    return 0;
  } finally {
    runtime.store.close();
  }
}
