import { canonicalJson } from '../../../shared/canonical-json';
import { isXmlText, leaf, type XmlNode } from './xml-writer';

export { isXmlText };

/** Fields live in the extensions namespace (prefix Extended, declared on the document's root). */
const FIELD = 'Extended:Field';

/**
 * One named value (docs/batchml.md, EbrFieldType): a text that XML can carry as it is, anything
 * else (numbers, true/false, null, lists, objects, texts with control characters such as a GS1
 * group separator) as canonical JSON marked json="true". Reading back gives the same value.
 */
export function field(name: string, value: unknown): XmlNode | null {
  if (value === undefined) return null;
  if (typeof value === 'string' && isXmlText(value)) return leaf(FIELD, value, { name });
  return leaf(FIELD, canonicalJson(value), { name, json: 'true' });
}

/** Every field of a record, in its own order; undefined ones left out. */
export function fieldsOf(record: object): XmlNode[] {
  return Object.entries(record)
    .map(([name, value]) => field(name, value))
    .filter((node): node is XmlNode => node !== null);
}

/** Text for a BatchML element: as it is when XML can carry it, else its JSON string form. */
export const xmlText = (text: string) => (isXmlText(text) ? text : JSON.stringify(text));
