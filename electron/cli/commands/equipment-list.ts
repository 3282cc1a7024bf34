import { hostname, userInfo } from 'node:os';
import { resolve } from 'node:path';
import type { CliIo } from '../io';
import { requireOption, type ParsedOptions } from '../options';
import { table } from './batch-list';
import { writeNewFile } from './report';
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

/**
 * `ebr equipment logbook ID --out FILE.pdf`: the item's logbook PDF, printed by the recovery-key
 * holder; FILE is never overwritten.
 */
export async function equipmentLogbookCommand(
  options: ParsedOptions,
  io: CliIo,
  [code]: string[],
): Promise<number> {
  const outFile = resolve(requireOption(options, 'out'));
  const file = await withRecipeServices(options, (services) =>
    services.equipment.logbookPdf(
      code!.trim().toUpperCase(),
      `recovery-key holder via ebr CLI (${userInfo().username}@${hostname()})`,
    ),
  );
  writeNewFile(outFile, Buffer.from(file.base64, 'base64'));
  if (options.json !== undefined) {
    const { base64: _bytes, ...summary } = file;
    io.out(JSON.stringify({ ...summary, file: outFile }, null, 2));
  } else io.out(`Wrote ${outFile} (${file.byteLength} bytes, SHA-256 ${file.sha256}).`);
  return 0;
}
