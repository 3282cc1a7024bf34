import { EbrError } from '../../../shared/errors';
import type { CliIo } from '../io';
import type { ParsedOptions } from '../options';
import { table } from './batch-list';
import { withRecipeServices } from './recipe-list';

/** `ebr genealogy --lot LOT | --batch NUMBER [--json]`: forward or backward, from recorded use only. */
export async function genealogyCommand(options: ParsedOptions, io: CliIo): Promise<number> {
  const { lot, batch } = options;
  if ((lot === undefined) === (batch === undefined)) {
    throw new EbrError(
      'VALIDATION_FAILED',
      'Give either --lot LOT (forward) or --batch NUMBER (backward). See ebr --help.',
    );
  }
  if (lot !== undefined) {
    const view = await withRecipeServices(options, (services) =>
      services.genealogy.forward(lot.trim().toUpperCase()),
    );
    if (options.json !== undefined) {
      io.out(JSON.stringify(view, null, 2));
      return 0;
    }
    io.out(
      `Lot ${view.lot.lotNumber} (${view.lot.materialCode} ${view.lot.materialName}), ${view.lot.condition.toUpperCase()}, ${view.lot.remainingQuantity} of ${view.lot.receivedQuantity} ${view.lot.unit} left`,
    );
    if (view.batches.length === 0) {
      io.out('Used by no batch.');
      return 0;
    }
    io.out(`Used by ${view.batches.length} batch${view.batches.length === 1 ? '' : 'es'}:`);
    const rows = table([
      ['BATCH', 'PRODUCT', 'STATUS', 'QUANTITY', 'PORTIONS'],
      ...view.batches.map((used) => [
        used.batchNumber,
        `${used.productCode} ${used.productName}`,
        used.status,
        `${used.quantity} ${used.unit}`,
        String(used.portions),
      ]),
    ]);
    for (const line of rows) io.out(line);
    return 0;
  }
  const view = await withRecipeServices(options, (services) =>
    services.genealogy.backward(services.genealogy.batchIdOf(batch!.trim())),
  );
  if (options.json !== undefined) {
    io.out(JSON.stringify(view, null, 2));
    return 0;
  }
  io.out(`Batch ${view.batchNumber} (${view.productCode} ${view.productName}), ${view.status}`);
  io.out(view.lots.length === 0 ? 'Lots consumed: none recorded.' : 'Lots consumed:');
  if (view.lots.length > 0) {
    const rows = table([
      ['LOT', 'MATERIAL', 'QUANTITY', 'CONTAINERS', 'STATUS AT USE', 'POTENCY'],
      ...view.lots.map((used) => [
        used.lotNumber,
        `${used.materialCode} ${used.materialName}`,
        `${used.quantity} ${used.unit}`,
        used.containers.length === 0 ? '—' : used.containers.join(', '),
        used.statusAtUse,
        used.potencyAtUse === null ? '—' : `${used.potencyAtUse} %`,
      ]),
    ]);
    for (const line of rows) io.out(line);
  }
  io.out(view.equipment.length === 0 ? 'Equipment used: none registered.' : 'Equipment used:');
  for (const item of view.equipment)
    io.out(`${item.code}  ${item.description}  first used ${item.firstUseUtc}  (${item.cleanStatusAtUse})`);
  io.out(
    view.outputLot
      ? `Output lot: ${view.outputLot.lotNumber}, ${view.outputLot.condition.toUpperCase()}, ${view.outputLot.receivedQuantity} ${view.outputLot.unit}`
      : 'Output lot: none (the product is not a registered material).',
  );
  return 0;
}
