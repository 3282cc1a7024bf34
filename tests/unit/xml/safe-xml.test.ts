/**
 * Safe XML reading (issue 24 item 5): an XXE file and a billion-laughs file are refused before any
 * parser runs, with a message naming the declaration and its line; so are deep nesting, oversized
 * and malformed files. A plain document parses with local names, paths and decoded entities.
 */
import { describe, expect, it } from 'vitest';
import { parseXmlSafely, XML_MAX_BYTES, XML_MAX_DEPTH } from '../../../electron/core/xml/safe-xml';
import { leaf, node, xmlDocument } from '../../../electron/core/xml/xml-writer';
import { EbrError } from '../../../shared/errors';

const bytes = (text: string) => Buffer.from(text, 'utf8');

function refusal(text: string | Buffer): EbrError {
  try {
    parseXmlSafely(typeof text === 'string' ? bytes(text) : text, 'The test file');
  } catch (error) {
    expect(error).toBeInstanceOf(EbrError);
    return error as EbrError;
  }
  throw new Error('the file was accepted');
}

const XXE = `<?xml version="1.0"?>
<!DOCTYPE BatchInformation [
  <!ENTITY secret SYSTEM "file:///etc/passwd">
]>
<BatchInformation><MasterRecipe><ID>&secret;</ID></MasterRecipe></BatchInformation>`;

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol9 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<lolz>&lol9;</lolz>`;

describe('parseXmlSafely refuses', () => {
  it('an XXE file (external entity in a DOCTYPE), naming the declaration and its line', () => {
    const error = refusal(XXE);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toBe(
      'The test file is refused: it contains a <!DOCTYPE declaration (line 2); document type and entity declarations are not accepted in exchanged files',
    );
    expect(error.details).toEqual({ line: 2 });
  });

  it('a billion-laughs file (nested entity expansion)', () => {
    expect(refusal(BILLION_LAUGHS).message).toContain('<!DOCTYPE declaration (line 2)');
  });

  it('an entity declaration even without a DOCTYPE around it', () => {
    expect(refusal('<a>\n<!ENTITY x "y"></a>').message).toContain('<!ENTITY declaration (line 2)');
  });

  it('a reference to an entity that XML does not predefine, naming where', () => {
    expect(refusal('<a><b>&nbsp;</b></a>').message).toMatch(
      /unknown entity reference &nbsp; at \/a\/b|not well-formed/,
    );
  });

  it('elements nested deeper than the cap', () => {
    const depth = XML_MAX_DEPTH + 1;
    const text = `${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}`;
    expect(refusal(text).message).toMatch(new RegExp(`nested more than ${XML_MAX_DEPTH} levels deep`));
  });

  it('a file above the size cap, before reading it', () => {
    expect(refusal(Buffer.alloc(XML_MAX_BYTES + 1, 0x20)).message).toContain(
      `it is ${XML_MAX_BYTES + 1} bytes; at most ${XML_MAX_BYTES} bytes (5 MB) are read`,
    );
  });

  it('malformed XML, with line and column', () => {
    const error = refusal('<a>\n  <b>text</c>\n</a>');
    expect(error.message).toMatch(
      /^The test file is refused: it is not well-formed XML at line 2, column \d+: /,
    );
    expect(error.details).toMatchObject({ line: 2 });
  });

  it('bytes that are not UTF-8, and an empty file', () => {
    expect(refusal(Buffer.from([0x3c, 0x61, 0x3e, 0xff, 0x3c, 0x2f, 0x61, 0x3e])).message).toContain(
      'not valid UTF-8',
    );
    expect(refusal('  \n').message).toContain('it is empty');
  });
});

describe('parseXmlSafely reads', () => {
  it('local names, attributes, decoded text and paths with positions where names repeat', () => {
    const root = parseXmlSafely(
      bytes(
        '<?xml version="1.0"?><b:Root xmlns:b="urn:x"><b:Item id="1">A &amp; B &lt;c&gt; &#233;</b:Item><b:Item>2</b:Item><Other/></b:Root>',
      ),
      'The test file',
    );
    expect(root.name).toBe('Root');
    expect(root.children.map((child) => child.path)).toEqual([
      '/Root/Item[1]',
      '/Root/Item[2]',
      '/Root/Other',
    ]);
    expect(root.children[0]!.text).toBe('A & B <c> é');
    expect(root.children[0]!.attributes.id).toBe('1');
  });

  it('what the writer writes, byte for byte the same text back (escaping cannot change structure)', () => {
    const hostile = 'Kühn & Söhne </ID><ID>injected</ID> "quoted"\r\nline';
    const text = xmlDocument(node('Root', [leaf('ID', hostile, { note: hostile }), leaf('Gone', null)]));
    const root = parseXmlSafely(bytes(text), 'The test file');
    expect(root.children).toHaveLength(1);
    expect(root.children[0]!.text).toBe(hostile);
    expect(root.children[0]!.attributes.note).toBe(hostile);
  });
});
