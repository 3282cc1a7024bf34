import { EbrError } from '../../../shared/errors';
import { parseXmlSafely, type XmlElement } from '../xml/safe-xml';
import {
  EQUIPMENT_MAPPED,
  HEADER_MAPPED,
  MATERIAL_MAPPED,
  OPERATION_MAPPED,
  STEP_MAPPED,
  type Json,
} from './batchml-recipe';
import { checkJsonText } from './json-text';
import { formatPath, type PathSegment, type RecipeProblem } from './recipe-problem';

/**
 * Reading a BatchML master recipe (the mapping of batchml-recipe.ts, docs/batchml.md) into recipe
 * JSON data for the checks of a JSON file, remembering where each value came from so that every
 * problem is named by its XML path. Unknown elements are refused, as unknown fields are in JSON.
 */
/** The same cap as recipe-file.ts's RECIPE_MAX_NESTING (kept here to avoid an import cycle). */
const JSON_MAX_NESTING = 32;

/** Whether bytes look like XML rather than JSON (after an optional byte-order mark and white space). */
export function looksLikeXml(bytes: Uint8Array): boolean {
  for (let index = 0; index < Math.min(bytes.length, 4096); index += 1) {
    const byte = bytes[index]!;
    if (index < 3 && [0xef, 0xbb, 0xbf].includes(byte)) continue;
    if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) continue;
    return byte === 0x3c; // '<'
  }
  return false;
}

export type ReadBatchmlRecipe =
  | {
      ok: true;
      /** The recipe as JSON data, for the same checks as a JSON file. */
      data: Json;
      /** A problem's JSON path ("procedure.operations[0].steps[2].limits") in the XML's words. */
      xmlPathOf: (jsonPath: string) => string;
    }
  | { ok: false; problems: RecipeProblem[] };

/** Collects problems instead of stopping at the first: every problem is listed with its XML path. */
class Reader {
  readonly problems: RecipeProblem[] = [];
  /** JSON path → XML path, for every value read. */
  readonly paths = new Map<string, string>();

  problem(path: string, message: string) {
    this.problems.push({ path, message });
  }

  place(json: PathSegment[], element: XmlElement) {
    this.paths.set(formatPath(json), element.path);
  }

  /** Children other than the names this reader knows are refused, as unknown fields are in JSON. */
  known(element: XmlElement, names: readonly string[]) {
    for (const child of element.children) {
      if (!names.includes(child.name)) this.problem(child.path, `unexpected element <${child.name}> here`);
    }
  }

  one(parent: XmlElement, name: string, required = true): XmlElement | undefined {
    const found = parent.children.filter((child) => child.name === name);
    if (found.length > 1) this.problem(found[1]!.path, `<${name}> may appear once in <${parent.name}>`);
    if (found.length === 0 && required) this.problem(`${parent.path}/${name}`, `required: <${name}>`);
    return found[0];
  }

  text(parent: XmlElement, name: string, json: PathSegment[]): string | undefined {
    const element = this.one(parent, name);
    if (!element) return undefined;
    if (element.children.length > 0) this.problem(element.path, `<${name}> holds text, not elements`);
    this.place(json, element);
    return element.text;
  }

  /** A number where BatchML has a decimal; text the schema then refuses where it is not one. */
  number(parent: XmlElement, name: string, json: PathSegment[]): number | string | undefined {
    const text = this.text(parent, name, json);
    if (text === undefined) return undefined;
    return /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/.test(text) ? Number(text) : text;
  }

  /** The item's Extended:EbrFields (an object as JSON), checked like a JSON recipe file. */
  fields(parent: XmlElement, json: PathSegment[], mapped: readonly string[]): Json {
    const element = this.one(parent, 'EbrFields', false);
    if (!element) return {};
    const checked = checkJsonText(element.text, JSON_MAX_NESTING - json.length);
    if (!checked.ok) {
      this.problem(element.path, `not valid JSON: ${checked.problem.message}`);
      return {};
    }
    const data: unknown = JSON.parse(element.text);
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      this.problem(element.path, 'holds a JSON object of the fields BatchML has no element for');
      return {};
    }
    for (const key of Object.keys(data)) {
      this.paths.set(formatPath([...json, key]), `${element.path} "${key}"`);
      if (mapped.includes(key))
        this.problem(element.path, `"${key}" is given by a BatchML element, not here`);
    }
    return data as Json;
  }
}

function readStep(reader: Reader, element: XmlElement, json: PathSegment[]): Json {
  reader.place(json, element);
  reader.known(element, ['ID', 'Description', 'RecipeElementType', 'EbrFields']);
  const type = reader.text(element, 'RecipeElementType', [...json, '#type']);
  if (type !== undefined && type !== 'Phase')
    reader.problem(`${element.path}/RecipeElementType`, `a step is a Phase, not ${JSON.stringify(type)}`);
  return {
    id: reader.text(element, 'ID', [...json, 'id']),
    title: reader.text(element, 'Description', [...json, 'title']),
    ...reader.fields(element, json, STEP_MAPPED),
  };
}

function readOperation(reader: Reader, element: XmlElement, json: PathSegment[]): Json {
  reader.place(json, element);
  reader.known(element, ['ID', 'Description', 'RecipeElementType', 'RecipeElement', 'EbrFields']);
  const type = reader.text(element, 'RecipeElementType', [...json, '#type']);
  if (type !== undefined && type !== 'Operation')
    reader.problem(
      `${element.path}/RecipeElementType`,
      `an operation is an Operation, not ${JSON.stringify(type)}`,
    );
  const steps = element.children.filter((child) => child.name === 'RecipeElement');
  reader.paths.set(formatPath([...json, 'steps']), element.path);
  return {
    id: reader.text(element, 'ID', [...json, 'id']),
    title: reader.text(element, 'Description', [...json, 'title']),
    steps: steps.map((step, index) => readStep(reader, step, [...json, 'steps', index])),
    ...reader.fields(element, json, OPERATION_MAPPED),
  };
}

function readMasterRecipe(reader: Reader, recipe: XmlElement): Json {
  reader.known(recipe, [
    'ID',
    'Version',
    'Description',
    'Header',
    'EquipmentRequirement',
    'Formula',
    'ProcedureLogic',
    'RecipeElement',
    'EbrFields',
  ]);
  const header = reader.one(recipe, 'Header');
  let product: Json | undefined;
  let nominalBatchSize: Json | undefined;
  if (header) {
    reader.known(header, ['ProductID', 'ProductName', 'BatchSize']);
    reader.place(['header', 'product'], header);
    product = {
      code: reader.text(header, 'ProductID', ['header', 'product', 'code']),
      name: reader.text(header, 'ProductName', ['header', 'product', 'name']),
    };
    const size = reader.one(header, 'BatchSize');
    if (size) {
      reader.known(size, ['Nominal', 'UnitOfMeasure']);
      reader.place(['header', 'nominalBatchSize'], size);
      nominalBatchSize = {
        quantity: reader.number(size, 'Nominal', ['header', 'nominalBatchSize', 'quantity']),
        unit: reader.text(size, 'UnitOfMeasure', ['header', 'nominalBatchSize', 'unit']),
      };
    }
  }
  const { format, ...headerRest } = reader.fields(
    recipe,
    ['header'],
    [...HEADER_MAPPED, 'materials', 'equipment', 'procedure'],
  );
  reader.paths.set('format', `${recipe.path}/EbrFields "format"`);
  const equipment = recipe.children
    .filter((child) => child.name === 'EquipmentRequirement')
    .map((element, index) => {
      const json: PathSegment[] = ['equipment', index];
      reader.place(json, element);
      reader.known(element, ['ID', 'Description', 'EbrFields']);
      return {
        id: reader.text(element, 'ID', [...json, 'id']),
        ...(reader.one(element, 'Description', false)
          ? { description: reader.text(element, 'Description', [...json, 'description']) }
          : {}),
        ...reader.fields(element, json, EQUIPMENT_MAPPED),
      };
    });
  const formula = reader.one(recipe, 'Formula', false);
  if (formula) reader.known(formula, ['Parameter']);
  reader.paths.set('materials', formula?.path ?? `${recipe.path}/Formula`);
  const materials = (formula?.children.filter((child) => child.name === 'Parameter') ?? []).map(
    (element, index) => {
      const json: PathSegment[] = ['materials', index];
      reader.place(json, element);
      reader.known(element, ['ID', 'Description', 'ParameterType', 'Value', 'EbrFields']);
      const value = reader.one(element, 'Value');
      if (value) reader.known(value, ['ValueString', 'DataInterpretation', 'DataType', 'UnitOfMeasure']);
      return {
        code: reader.text(element, 'ID', [...json, 'code']),
        name: reader.text(element, 'Description', [...json, 'name']),
        ...(value
          ? {
              quantity: reader.number(value, 'ValueString', [...json, 'quantity']),
              unit: reader.text(value, 'UnitOfMeasure', [...json, 'unit']),
            }
          : {}),
        ...reader.fields(element, json, MATERIAL_MAPPED),
      };
    },
  );
  const operations = recipe.children.filter((child) => child.name === 'RecipeElement');
  reader.paths.set('procedure', recipe.path);
  reader.paths.set('procedure.operations', recipe.path);
  return {
    format,
    header: {
      code: reader.text(recipe, 'ID', ['header', 'code']),
      name: reader.text(recipe, 'Description', ['header', 'name']),
      versionLabel: reader.text(recipe, 'Version', ['header', 'versionLabel']),
      ...(product ? { product } : {}),
      ...(nominalBatchSize ? { nominalBatchSize } : {}),
      ...headerRest,
    },
    materials,
    equipment,
    procedure: {
      operations: operations.map((operation, index) =>
        readOperation(reader, operation, ['procedure', 'operations', index]),
      ),
    },
  };
}

/** Reads a BatchML master recipe into recipe JSON data, or lists every problem with its XML path. */
export function readBatchmlRecipe(bytes: Uint8Array): ReadBatchmlRecipe {
  let root: XmlElement;
  try {
    root = parseXmlSafely(bytes, 'The BatchML recipe file');
  } catch (error) {
    if (error instanceof EbrError) return { ok: false, problems: [{ path: '', message: error.message }] };
    throw error;
  }
  const reader = new Reader();
  if (root.name !== 'BatchInformation') {
    return {
      ok: false,
      problems: [
        {
          path: root.path,
          message: `a BatchML recipe file has the root element <BatchInformation>, not <${root.name}>`,
        },
      ],
    };
  }
  const recipes = root.children.filter((child) => child.name === 'MasterRecipe');
  if (recipes.length !== 1) {
    return {
      ok: false,
      problems: [
        {
          path: root.path,
          message: `holds ${recipes.length} <MasterRecipe> elements; a recipe file holds exactly one`,
        },
      ],
    };
  }
  reader.known(root, ['MasterRecipe']);
  const data = readMasterRecipe(reader, recipes[0]!);
  if (reader.problems.length > 0) return { ok: false, problems: reader.problems };
  const xmlPathOf = (jsonPath: string) => {
    // The longest prefix read from the file, then what is left of the JSON path.
    for (let prefix = jsonPath; prefix !== ''; prefix = prefix.replace(/(\.[^.[]*|\[[^\]]*\])$/, '')) {
      const xml = reader.paths.get(prefix);
      if (xml !== undefined)
        return prefix === jsonPath ? xml : `${xml} (${jsonPath.slice(prefix.length).replace(/^\./, '')})`;
      if (!/(\.[^.[]*|\[[^\]]*\])$/.test(prefix)) break;
    }
    return `${recipes[0]!.path} (${jsonPath})`;
  };
  return { ok: true, data, xmlPathOf };
}
