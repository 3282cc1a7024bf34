import { hostname, userInfo } from 'node:os';
import { EbrError } from '../../../shared/errors';
import { reasonField, usernameField } from '../../../shared/contract/inputs';
import { systemClock } from '../../core/clock';
import { ConnectionHub } from '../../core/connections';
import { SessionRegistry } from '../../core/identity/sessions';
import { createServices } from '../../core/services';
import { startRuntime } from '../../core/startup';
import type { CliIo } from '../io';
import { keyProviderFromFile } from '../recovery-key-file';
import { requireOption, type ParsedOptions } from '../options';
import { resolve } from 'node:path';

/**
 * The way back when every administrator is locked out: whoever holds the recovery key unlocks an
 * account. The audit row names the recovery-key holder and the OS account that ran the command.
 */
export async function unlockUserCommand(options: ParsedOptions, io: CliIo): Promise<number> {
  const username = usernameField.safeParse(requireOption(options, 'username'));
  const reason = reasonField.safeParse(requireOption(options, 'reason'));
  if (!username.success || !reason.success) {
    throw new EbrError(
      'VALIDATION_FAILED',
      'Give a valid --username and a --reason of at least 3 characters.',
    );
  }
  const dataDir = resolve(requireOption(options, 'data-dir'));
  const keyProvider = keyProviderFromFile(resolve(requireOption(options, 'recovery-key-file')));
  const runtime = await startRuntime(dataDir, keyProvider, systemClock);
  try {
    const services = createServices(runtime, systemClock, new ConnectionHub(), new SessionRegistry());
    const user = services.users.findByUsername(username.data);
    if (!user) throw new EbrError('NOT_FOUND', `There is no user ${username.data}.`);
    const actor = {
      userId: null,
      userName: `recovery-key holder via ebr CLI (${userInfo().username}@${hostname()})`,
    };
    services.usersAdmin.unlock(actor, user.id, reason.data);
    io.out(`Unlocked ${user.username} (${user.fullName}); audited.`);
    return 0;
  } finally {
    runtime.store.close();
  }
}
