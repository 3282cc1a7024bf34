import { and, eq, sql } from 'drizzle-orm';
import { EbrError } from '../../../shared/errors';
import { nodes } from '../../../db/plant/schema';
import { checkConnection, openPlantDatabase } from '../../plant-server/database';
import { raiseAlert } from '../../plant-server/ingest';
import type { CliIo } from '../io';
import { requireOption, type ParsedOptions } from '../options';

/** `ebr server revoke --database URL --node ID --reason TEXT`: the node's uploads are refused from now on. */
export async function serverRevokeCommand(options: ParsedOptions, io: CliIo): Promise<number> {
  const url = requireOption(options, 'database');
  const nodeId = requireOption(options, 'node');
  const reason = requireOption(options, 'reason');
  const database = openPlantDatabase(url, { max: 1 });
  try {
    await checkConnection(database, url);
    const revoked = await database.db
      .update(nodes)
      .set({ status: 'revoked', revokedAt: sql`now()`, revokedReason: reason })
      .where(and(eq(nodes.id, nodeId), eq(nodes.status, 'active')))
      .returning({ name: nodes.name });
    if (revoked.length === 0) throw new EbrError('NOT_FOUND', `There is no active node ${nodeId}.`);
    await raiseAlert(
      database,
      nodeId,
      'node-revoked',
      `Terminal ${revoked[0]!.name} (${nodeId}) revoked: ${reason}`,
    );
    io.out(`Revoked terminal ${revoked[0]!.name} (${nodeId}); its uploads are refused from now on.`);
    return 0;
  } finally {
    await database.close();
  }
}
