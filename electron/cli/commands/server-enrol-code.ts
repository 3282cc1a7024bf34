import { checkConnection, openPlantDatabase } from '../../plant-server/database';
import { createEnrolmentCode } from '../../plant-server/enrolment-codes';
import type { CliIo } from '../io';
import { requireOption, type ParsedOptions } from '../options';

/** `ebr server enrol-code --database URL --terminal-name NAME [--valid-hours H]`: a one-time code. */
export async function serverEnrolCodeCommand(options: ParsedOptions, io: CliIo): Promise<number> {
  const url = requireOption(options, 'database');
  const terminalName = requireOption(options, 'terminal-name');
  const validHours = Number(options['valid-hours'] ?? '24');
  const database = openPlantDatabase(url, { max: 1 });
  try {
    await checkConnection(database, url);
    const { code, expiresAt } = await createEnrolmentCode(database, {
      purpose: 'terminal',
      terminalName,
      validHours,
    });
    if (options.json !== undefined) io.out(JSON.stringify({ code, terminalName, expiresAt }));
    else io.out(`One-time enrolment code for terminal "${terminalName}" (until ${expiresAt}): ${code}`);
    return 0;
  } finally {
    await database.close();
  }
}
