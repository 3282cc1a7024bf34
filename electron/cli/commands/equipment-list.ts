import type { CliIo } from '../io';
import type { ParsedOptions } from '../options';
import { table } from './batch-list';
import { withRecipeServices } from './recipe-list';

/** `ebr equipment list [--json]`: each item and room with the status its logbook and the clock give. */
export async function equipmentListCommand(options: ParsedOptions, io: CliIo): Promise<number> {
  const items = await withRecipeServices(options, (services) => services.equipment.list());
  if (options.json !== undefined) {
    io.out(JSON.stringify(items, null, 2));
    return 0;
  }
  if (items.length === 0) {
    io.out('No equipment or rooms registered yet.');
    return 0;
  }
  const rows = table([
    ['ID', 'KIND', 'ROOM', 'STATUS', 'DESCRIPTION'],
    ...items.map((item) => [
      item.code,
      item.kind,
      item.room,
      `${item.abnormal ? '! ' : ''}${item.statusText}`,
      item.description,
    ]),
  ]);
  for (const line of rows) io.out(line);
  return 0;
}
