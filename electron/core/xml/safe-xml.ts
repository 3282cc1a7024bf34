import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { EbrError } from '../../../shared/errors';

/**
 * Reading XML from outside (BatchML master recipes, B2MML lot messages) without trusting it:
 * size cap, strict UTF-8, no DOCTYPE at all (so no external entity can be fetched and no entity can
 * expand into a bomb), well-formedness checked with line and column, nesting cap. The parser never
 * touches the network or the file system: it only sees the text given to it.
 */
export const XML_MAX_BYTES = 5 * 1024 * 1024;
/** BatchML recipes need about 10 levels; the cap keeps hostile files from building deep trees. */
export const XML_MAX_DEPTH = 40;

/** One element: its local name (namespace prefix dropped), attributes, text and child elements. */
export interface XmlElement {
  name: string;
  /** Where it is, for messages: /BatchInformation/MasterRecipe/RecipeElement[2]/ID */
  path: string;
  attributes: Record<string, string>;
  /** The element's own text (character data directly inside it), entity references decoded. */
  text: string;
  children: XmlElement[];
}

const refuse = (what: string, message: string, details: Record<string, unknown> = {}): never => {
  throw new EbrError('VALIDATION_FAILED', `${what} is refused: ${message}`, details);
};

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) line += 1;
  return line;
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The five predefined entities and character references; with DTDs refused there are no others. */
function decodeReferences(raw: string, what: string, path: string): string {
  return raw.replace(/&([^;&\s]{0,12});/g, (reference, name: string) => {
    const code = /^#x[0-9a-f]+$/i.test(name)
      ? Number.parseInt(name.slice(2), 16)
      : /^#[0-9]+$/.test(name)
        ? Number.parseInt(name.slice(1), 10)
        : undefined;
    if (code !== undefined && code <= 0x10ffff) return String.fromCodePoint(code);
    const predefined = PREDEFINED[name];
    if (predefined === undefined) refuse(what, `unknown entity reference ${reference} at ${path}`, { path });
    return predefined!;
  });
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

function elementOf(node: OrderedNode, parentPath: string, index: number | null, depth: number, what: string) {
  if (depth > XML_MAX_DEPTH) {
    refuse(what, `elements are nested more than ${XML_MAX_DEPTH} levels deep (at ${parentPath})`, {
      path: parentPath,
    });
  }
  const tag = Object.keys(node).find((key) => key !== ':@')!;
  const name = localName(tag);
  const path = `${parentPath}/${name}${index === null ? '' : `[${index}]`}`;
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(node[':@'] ?? {})) {
    attributes[localName(key)] = decodeReferences(String(value), what, `${path}/@${localName(key)}`);
  }
  const element: XmlElement = { name, path, attributes, text: '', children: [] };
  const content = node[tag] as OrderedNode[];
  const childNodes = content.filter((child) => !('#text' in child));
  element.text = decodeReferences(
    content
      .filter((child) => '#text' in child)
      .map((child) => String(child['#text']))
      .join(''),
    what,
    path,
  );
  const counts = new Map<string, number>();
  for (const child of childNodes) {
    const childName = localName(Object.keys(child).find((key) => key !== ':@')!);
    counts.set(childName, (counts.get(childName) ?? 0) + 1);
  }
  const seen = new Map<string, number>();
  for (const child of childNodes) {
    const childName = localName(Object.keys(child).find((key) => key !== ':@')!);
    const position = (seen.get(childName) ?? 0) + 1;
    seen.set(childName, position);
    // A position only where the name repeats: /MasterRecipe/ID, /MasterRecipe/RecipeElement[2].
    element.children.push(
      elementOf(child, path, counts.get(childName)! > 1 ? position : null, depth + 1, what),
    );
  }
  return element;
}

/**
 * Parses an XML document given as bytes; `what` names it in messages ("The BatchML recipe file").
 * Throws VALIDATION_FAILED with a message naming the problem and, where it has one, its line.
 */
export function parseXmlSafely(bytes: Uint8Array, what: string): XmlElement {
  if (bytes.byteLength > XML_MAX_BYTES) {
    refuse(what, `it is ${bytes.byteLength} bytes; at most ${XML_MAX_BYTES} bytes (5 MB) are read`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return refuse(what, 'it is not valid UTF-8 text');
  }
  // Refused before any parser sees it: a DTD is where external entities (XXE) and entity bombs live.
  const declaration = /<!\s*(DOCTYPE|ENTITY)/i.exec(text);
  if (declaration) {
    const line = lineOf(text, declaration.index);
    refuse(
      what,
      `it contains a <!${declaration[1]!.toUpperCase()} declaration (line ${line}); document type and entity declarations are not accepted in exchanged files`,
      { line },
    );
  }
  if (/^\s*$/.test(text)) refuse(what, 'it is empty');
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    refuse(what, `it is not well-formed XML at line ${line}, column ${col}: ${msg}`, { line, column: col });
  }
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    // Decoded here instead (decodeReferences): the parser decodes character references only together with HTML's entities.
    processEntities: false,
    htmlEntities: false,
    maxNestedTags: XML_MAX_DEPTH + 5,
  });
  const nodes = parser.parse(text) as OrderedNode[];
  const roots = nodes.filter((node) => !('#text' in node));
  if (roots.length !== 1) refuse(what, `it has ${roots.length} root elements; an XML document has one`);
  return elementOf(roots[0]!, '', null, 1, what);
}

/** The first child element named `name`, if any. */
export const childOf = (element: XmlElement, name: string): XmlElement | undefined =>
  element.children.find((child) => child.name === name);

/** Every child element named `name`, in document order. */
export const childrenOf = (element: XmlElement, name: string): XmlElement[] =>
  element.children.filter((child) => child.name === name);
