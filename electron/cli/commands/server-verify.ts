import { verifyAllNodes } from '../../plant-server/central-verification';
import { checkConnection, openPlantDatabase } from '../../plant-server/database';
import type { CliIo } from '../io';
import { requireOption, type ParsedOptions } from '../options';

/** `ebr server verify --database URL [--json]`: exit 0 when every node's log verifies, 1 naming each first break. */
export async function serverVerifyCommand(options: ParsedOptions, io: CliIo): Promise<number> {
  const url = requireOption(options, 'database');
  const database = openPlantDatabase(url, { max: 2 });
  try {
    await checkConnection(database, url);
    const results = await verifyAllNodes(database);
    if (options.json !== undefined) io.out(JSON.stringify(results, null, 2));
    for (const node of results) {
      if (node.intact) {
        if (options.json === undefined)
          io.out(
            `${node.name} (${node.nodeId}): intact — ${node.entries} entries, ${node.checkpoints} signed checkpoints, ${node.signatures} signatures verified.`,
          );
      } else {
        const found = node.firstBreak!;
        io.err(
          `${node.name} (${node.nodeId}): BROKEN at entry ${found.seq} (${found.kind}): ${found.message}`,
        );
      }
    }
    if (options.json === undefined && results.length === 0) io.out('No terminal is enrolled yet.');
    return results.every((node) => node.intact) ? 0 : 1;
  } finally {
    await database.close();
  }
}
