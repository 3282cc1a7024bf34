import type { Recipe } from '../../../shared/recipes/recipe-schema';
import { DataTable } from '../ui/data-table';
import { formatQuantity, formatTolerance } from './recipe-numbers';

type Material = Recipe['materials'][number];

/** The bill of materials for the nominal batch: code, name, quantity and tolerance. */
export function BillOfMaterials({ recipe }: { recipe: Recipe }) {
  const batch = recipe.header.nominalBatchSize;
  return (
    <div className="recipe-section" data-testid="bill-of-materials">
      <p className="recipe-section__note">
        Quantities for the nominal batch of {formatQuantity(batch.quantity, batch.unit)}; a batch of another
        size scales them.
      </p>
      <DataTable<Material>
        caption="Bill of materials"
        rows={recipe.materials}
        rowKey={(material) => material.code}
        rowTestId="bom-row"
        empty="This recipe lists no materials."
        columns={[
          { header: 'Code', cell: (material) => <span className="table__key">{material.code}</span> },
          { header: 'Material', cell: (material) => <span className="table__name">{material.name}</span> },
          {
            header: 'Quantity',
            align: 'end',
            cell: (material) => (
              <span className="recipe-number" data-testid="bom-quantity">
                {formatQuantity(material.quantity, material.unit)}
              </span>
            ),
          },
          {
            header: 'Tolerance',
            align: 'end',
            cell: (material) => (
              <span className="recipe-number" data-testid="bom-tolerance">
                {formatTolerance(material.tolerance, material.unit)}
              </span>
            ),
          },
        ]}
      />
    </div>
  );
}
