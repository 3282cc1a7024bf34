import type { Recipe } from '../../../shared/recipes/recipe-schema';
import { formatPlain, formatTolerance } from '../recipes/recipe-numbers';

/** The bill of materials at the planned quantity: what the weighings of this batch will ask for. */
export function ScaledMaterials({ recipe, plannedQuantity }: { recipe: Recipe; plannedQuantity: number }) {
  const nominal = recipe.header.nominalBatchSize;
  const scale = plannedQuantity / nominal.quantity;
  return (
    <section className="scaled-materials" aria-label="Material targets for this batch">
      <p className="scaled-materials__caption" data-testid="new-batch-scale">
        Material targets at {formatPlain(plannedQuantity)} {nominal.unit} ({formatPlain(scale * 100)} % of the
        nominal {formatPlain(nominal.quantity)} {nominal.unit})
      </p>
      <table className="table scaled-materials__table">
        <thead>
          <tr>
            <th scope="col">Material</th>
            <th scope="col" className="table__end">
              Target
            </th>
            <th scope="col">Tolerance</th>
          </tr>
        </thead>
        <tbody>
          {recipe.materials.map((material) => (
            <tr key={material.code} data-testid="scaled-material" data-code={material.code}>
              <td>
                <code>{material.code}</code> {material.name}
              </td>
              <td className="table__end" data-testid="scaled-quantity">
                {formatPlain(material.quantity * scale)} {material.unit}
              </td>
              <td>{formatTolerance(material.tolerance, material.unit)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
