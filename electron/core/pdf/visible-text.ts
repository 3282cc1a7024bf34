import type { jsPDF } from 'jspdf';
import { visibleText } from '../../../shared/text/display-text';

type TextInput = string | string[];

const shown = (text: unknown): unknown =>
  typeof text === 'string'
    ? visibleText(text)
    : Array.isArray(text)
      ? text.map((line: unknown) => (typeof line === 'string' ? visibleText(line) : line))
      : text;

/**
 * Makes `doc` show bidi and control characters escaped ("⟨U+202E⟩", shared/text/display-text.ts)
 * in everything it measures, wraps and draws, whoever calls it (our code or jspdf-autotable): a
 * report cannot forget it at one drawing site, and the measured width is that of what is drawn.
 */
export function showHiddenCharacters(doc: jsPDF): void {
  const text = doc.text.bind(doc) as (text: TextInput, ...rest: unknown[]) => jsPDF;
  const split = doc.splitTextToSize.bind(doc) as (text: TextInput, ...rest: unknown[]) => unknown;
  const width = doc.getTextWidth.bind(doc);
  const unitWidth = doc.getStringUnitWidth.bind(doc) as (text: string, ...rest: unknown[]) => number;
  Object.assign(doc, {
    text: (input: TextInput, ...rest: unknown[]) => text(shown(input) as TextInput, ...rest),
    splitTextToSize: (input: TextInput, ...rest: unknown[]) => split(shown(input) as TextInput, ...rest),
    getTextWidth: (input: string) => width(visibleText(input)),
    getStringUnitWidth: (input: string, ...rest: unknown[]) => unitWidth(visibleText(input), ...rest),
  });
}
