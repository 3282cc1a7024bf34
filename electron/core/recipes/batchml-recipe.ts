import { canonicalJson } from '../../../shared/canonical-json';
import type { Recipe } from '../../../shared/recipes/recipe-schema';
import { leaf, node, xmlDocument, type XmlNode } from '../xml/xml-writer';
import { B2MML_NAMESPACE, EXTENSIONS_NAMESPACE } from '../xml/b2mml';

/**
 * A master recipe as BatchML (BatchInformation/MasterRecipe, MESA B2MML V0700), out and in.
 * Fields with a BatchML element travel in it (code → ID, version → Version, name → Description,
 * product and batch size → Header, materials → Formula parameters, equipment → equipment
 * requirements, operations and steps → recipe elements); every other field of an item travels in
 * that item's Extended:EbrFields as canonical JSON, merged back on import. So JSON → BatchML → JSON
 * gives the same object, and the same content hash, for fields this version does not know too.
 * docs/batchml.md has the table.
 */
const FIELDS = 'Extended:EbrFields';

export type Json = Record<string, unknown>;

function omit(record: Json, keys: readonly string[]): Json {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
}

/** Extra fields as canonical JSON, or nothing when there are none. */
const fields = (rest: Json) => (Object.keys(rest).length === 0 ? null : leaf(FIELDS, canonicalJson(rest)));

/** xsd:decimal has no exponent: 1e-7 is written 0.0000001. */
function decimal(value: number): string {
  const text = String(value);
  return /e/i.test(text)
    ? value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 })
    : text;
}

export const HEADER_MAPPED = ['code', 'name', 'product', 'versionLabel', 'nominalBatchSize'] as const;
export const MATERIAL_MAPPED = ['code', 'name', 'quantity', 'unit'] as const;
export const EQUIPMENT_MAPPED = ['id', 'description'] as const;
export const OPERATION_MAPPED = ['id', 'title', 'steps'] as const;
export const STEP_MAPPED = ['id', 'title'] as const;

/** The master recipe as a BatchML BatchInformation document (UTF-8). */
export function masterRecipeXml(recipe: Recipe): Buffer {
  const header = recipe.header as unknown as Json & Recipe['header'];
  const root = node(
    'BatchInformation',
    [
      node('MasterRecipe', [
        leaf('ID', header.code),
        leaf('Version', header.versionLabel),
        leaf('Description', header.name),
        node('Header', [
          leaf('ProductID', header.product.code),
          leaf('ProductName', header.product.name),
          node('BatchSize', [
            leaf('Nominal', decimal(header.nominalBatchSize.quantity)),
            leaf('UnitOfMeasure', header.nominalBatchSize.unit),
          ]),
        ]),
        ...recipe.equipment.map((equipment) =>
          node('EquipmentRequirement', [
            leaf('ID', equipment.id),
            leaf('Description', equipment.description),
            fields(omit(equipment as unknown as Json, EQUIPMENT_MAPPED)),
          ]),
        ),
        node(
          'Formula',
          recipe.materials.map((material) =>
            node('Parameter', [
              leaf('ID', material.code),
              leaf('Description', material.name),
              leaf('ParameterType', 'ProcessInput'),
              node('Value', [
                leaf('ValueString', decimal(material.quantity)),
                leaf('DataInterpretation', 'Constant'),
                leaf('DataType', 'decimal'),
                leaf('UnitOfMeasure', material.unit),
              ]),
              fields(omit(material as unknown as Json, MATERIAL_MAPPED)),
            ]),
          ),
        ),
        // The operations in order, as the procedure's steps (ISA-88 procedure logic).
        node(
          'ProcedureLogic',
          recipe.procedure.operations.map((operation) =>
            node('Step', [
              leaf('ID', operation.id),
              leaf('RecipeElementID', operation.id),
              leaf('RecipeElementVersion', header.versionLabel),
            ]),
          ),
        ),
        ...recipe.procedure.operations.map((operation) =>
          node('RecipeElement', [
            leaf('ID', operation.id),
            leaf('Description', operation.title),
            leaf('RecipeElementType', 'Operation'),
            ...operation.steps.map((step) =>
              node('RecipeElement', [
                leaf('ID', step.id),
                leaf('Description', step.title),
                leaf('RecipeElementType', 'Phase'),
                fields(omit(step as unknown as Json, STEP_MAPPED)),
              ]),
            ),
            fields(omit(operation as unknown as Json, OPERATION_MAPPED)),
          ]),
        ),
        fields({ format: recipe.format, ...omit(header, HEADER_MAPPED) }),
      ] satisfies (XmlNode | null)[]),
    ],
    { xmlns: B2MML_NAMESPACE, 'xmlns:Extended': EXTENSIONS_NAMESPACE },
  );
  return Buffer.from(xmlDocument(root), 'utf8');
}
