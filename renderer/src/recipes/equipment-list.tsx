import type { Recipe } from '../../../shared/recipes/recipe-schema';
import { DataTable } from '../ui/data-table';

type Equipment = Recipe['equipment'][number];

/** The equipment a batch must use, by id and class. */
export function EquipmentList({ recipe }: { recipe: Recipe }) {
  return (
    <DataTable<Equipment>
      caption="Equipment"
      rows={recipe.equipment}
      rowKey={(item) => item.id}
      rowTestId="equipment-row"
      empty="This recipe names no equipment."
      columns={[
        { header: 'Id', cell: (item) => <span className="table__key">{item.id}</span> },
        { header: 'Class', cell: (item) => <span className="table__name">{item.class}</span> },
        { header: 'Description', cell: (item) => item.description || <span className="muted">—</span> },
      ]}
    />
  );
}
