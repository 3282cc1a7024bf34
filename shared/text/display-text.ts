/**
 * How stored text is shown to people, wherever a record is read (audit viewer, PDFs): bidirectional
 * controls (U+202A–U+202E embeddings and overrides, U+2066–U+2069 isolates) are accepted at the gate
 * because real names and Arabic or Hebrew notes need them, but they can also make "1.50 kg" read as
 * "gk 05.1" or hide the order of words. Shown visibly as "⟨U+202E⟩" they cannot disguise any text.
 * Control characters (older records, recorded before the gate refused them) are shown the same way.
 * Only the display changes: the record, its hash and its exports keep the characters as stored.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const HIDDEN_CHARACTERS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

const escaped = (character: string) =>
  `⟨U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`;

export function visibleText(text: string): string {
  return text.replace(HIDDEN_CHARACTERS, escaped);
}
