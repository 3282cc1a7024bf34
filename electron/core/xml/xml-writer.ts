/**
 * Writing XML: a small element tree turned into text with every character escaped, so values from
 * the record (names, comments, instrument bytes) can never change the document's structure. Same
 * tree, same bytes: no clock, no random order.
 */
export interface XmlNode {
  name: string;
  attributes?: Record<string, string>;
  /** Text content; an element has either text or children. */
  text?: string;
  children?: XmlNode[];
}

/** An element with text; `undefined` or `null` text leaves the element out (see `compact`). */
export function leaf(
  name: string,
  text: string | number | boolean | null | undefined,
  attributes?: Record<string, string>,
) {
  if (text === undefined || text === null) return null;
  return { name, text: String(text), ...(attributes ? { attributes } : {}) } satisfies XmlNode;
}

export function node(
  name: string,
  children: (XmlNode | null | undefined | false)[],
  attributes?: Record<string, string>,
): XmlNode {
  return {
    name,
    children: children.filter((child): child is XmlNode => Boolean(child)),
    ...(attributes ? { attributes } : {}),
  };
}

const escapeText = (text: string) =>
  text.replace(/[&<>\r]/g, (character) =>
    character === '&' ? '&amp;' : character === '<' ? '&lt;' : character === '>' ? '&gt;' : '&#13;',
  );
const escapeAttribute = (text: string) =>
  escapeText(text).replace(/["\t\n]/g, (character) =>
    character === '"' ? '&quot;' : character === '\t' ? '&#9;' : '&#10;',
  );

// XML 1.0 cannot carry C0 controls other than tab, line feed and carriage return, even escaped.
const NOT_XML_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Whether a text can be written as XML character data as it is. */
export const isXmlText = (text: string) => !NOT_XML_CHARACTER.test(text);

function checked(text: string, where: string): string {
  // Callers put such values in JSON (xml-fields.ts); reaching here is a programming error, never silent loss.
  if (!isXmlText(text)) throw new Error(`${where} holds a character XML 1.0 cannot carry`);
  return text;
}

function write(element: XmlNode, indent: string, out: string[]): void {
  const attributes = Object.entries(element.attributes ?? {})
    .map(([key, value]) => ` ${key}="${escapeAttribute(checked(value, `${element.name}/@${key}`))}"`)
    .join('');
  const children = element.children ?? [];
  if (children.length === 0) {
    out.push(
      `${indent}<${element.name}${attributes}>${escapeText(checked(element.text ?? '', element.name))}</${element.name}>`,
    );
    return;
  }
  out.push(`${indent}<${element.name}${attributes}>`);
  for (const child of children) write(child, `${indent}  `, out);
  out.push(`${indent}</${element.name}>`);
}

/** The document as UTF-8 text with an XML declaration. */
export function xmlDocument(root: XmlNode): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  write(root, '', out);
  return `${out.join('\n')}\n`;
}
