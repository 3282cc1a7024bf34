import { checkConnection, openPlantDatabase } from '../../plant-server/database';
import { plantStatus } from '../../plant-server/plant-status';
import type { CliIo } from '../io';
import { requireOption, type ParsedOptions } from '../options';

/** `ebr server status --database URL [--json]`: one line per terminal. */
export async function serverStatusCommand(options: ParsedOptions, io: CliIo): Promise<number> {
  const url = requireOption(options, 'database');
  const database = openPlantDatabase(url, { max: 1 });
  try {
    await checkConnection(database, url);
    const rows = await plantStatus(database);
    if (options.json !== undefined) {
      io.out(JSON.stringify(rows, null, 2));
      return 0;
    }
    if (rows.length === 0) io.out('No terminal is enrolled yet.');
    for (const row of rows) {
      const skew =
        row.clockSkewMs === null
          ? 'clock skew unknown'
          : `clock skew ${(row.clockSkewMs / 1000).toFixed(1)} s`;
      io.out(
        `${row.name} (${row.nodeId}) ${row.status}: last contact ${row.lastContactAt ?? 'never'}, acknowledged entry ${row.acknowledgedSeq}, lag ${row.lag ?? 'unknown'}, ${skew}, ${row.quarantinedUploads} quarantined upload(s)`,
      );
    }
    return 0;
  } finally {
    await database.close();
  }
}
