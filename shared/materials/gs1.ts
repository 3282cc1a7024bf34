/**
 * GS1 element strings as scanners deliver them (GS1 General Specifications §7.8): an optional AIM
 * symbology identifier (]d2 DataMatrix, ]C1 GS1-128, ]Q3 QR, ]e0 DataBar), application
 * identifiers, and the group separator (FNC1, ASCII 29) after each variable-length field. The
 * human-readable form "(01)…(10)…" is accepted too. Pure: every refusal names what and where.
 */
export const GS = '\u001d';

interface AiRule {
  title: string;
  /** Fixed length of the value, or the maximum for a variable-length one. */
  length: number;
  fixed: boolean;
  charset: 'digits' | 'cset82';
}

/** The application identifiers a material label uses. Anything else is refused by name. */
const AIS: Record<string, AiRule> = {
  '00': { title: 'SSCC', length: 18, fixed: true, charset: 'digits' },
  '01': { title: 'GTIN', length: 14, fixed: true, charset: 'digits' },
  '02': { title: 'GTIN of contained items', length: 14, fixed: true, charset: 'digits' },
  '10': { title: 'batch/lot', length: 20, fixed: false, charset: 'cset82' },
  '11': { title: 'production date', length: 6, fixed: true, charset: 'digits' },
  '17': { title: 'expiry date', length: 6, fixed: true, charset: 'digits' },
  '21': { title: 'serial number', length: 20, fixed: false, charset: 'cset82' },
  '240': { title: 'additional item id', length: 30, fixed: false, charset: 'cset82' },
  '91': { title: 'company internal', length: 90, fixed: false, charset: 'cset82' },
};

/** GS1 character set 82 (the printable subset allowed in alphanumeric AIs). */
const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/;

export interface Gs1Element {
  ai: string;
  title: string;
  value: string;
}

export interface Gs1Data {
  symbology: 'datamatrix' | 'gs1-128' | 'qr' | 'databar' | 'none';
  elements: Gs1Element[];
  gtin: string | null;
  lot: string | null;
  /** YYYY-MM-DD (day 00 read as the last day of the month, as GS1 says). */
  expiry: string | null;
  serial: string | null;
  itemId: string | null;
}

export type Gs1Result = { ok: true; data: Gs1Data } | { ok: false; message: string; position: number };

const AIM_IDS: Record<string, Gs1Data['symbology']> = {
  ']d2': 'datamatrix',
  ']C1': 'gs1-128',
  ']Q3': 'qr',
  ']e0': 'databar',
};

/** Mod-10 check digit of a GTIN/SSCC body (weights 3,1,3,… from the right). */
export function gs1CheckDigit(body: string): number {
  let sum = 0;
  for (let index = 0; index < body.length; index += 1) {
    const digit = Number(body[body.length - 1 - index]);
    sum += digit * (index % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** Whether a scanned code is meant as GS1 (AIM identifier, leading FNC1 or bracketed AIs). */
export function looksLikeGs1(code: string): boolean {
  return /^\](d2|C1|Q3|e0)/.test(code) || code.startsWith(GS) || /^\(\d{2,4}\)/.test(code);
}

function gs1Date(value: string): string | null {
  const year = 2000 + Number(value.slice(0, 2));
  const month = Number(value.slice(2, 4));
  let day = Number(value.slice(4, 6));
  if (month < 1 || month > 12) return null;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day === 0) day = lastDay;
  if (day > lastDay) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function checkValue(ai: string, rule: AiRule, value: string, position: number): string | null {
  const where = `AI (${ai}) ${rule.title} at position ${position}`;
  if (value.length === 0) return `${where} is empty.`;
  if (rule.fixed && value.length !== rule.length)
    return `${where} has ${value.length} characters; it needs ${rule.length}.`;
  if (!rule.fixed && value.length > rule.length)
    return `${where} is ${value.length} characters long; at most ${rule.length}.`;
  if (rule.charset === 'digits' && !/^\d+$/.test(value)) return `${where} must be digits only: "${value}".`;
  if (rule.charset === 'cset82' && !CSET82.test(value))
    return `${where} contains a character GS1 does not allow: "${value}".`;
  if (
    (ai === '01' || ai === '02' || ai === '00') &&
    Number(value.at(-1)) !== gs1CheckDigit(value.slice(0, -1))
  ) {
    return `${where}: check digit ${value.at(-1)} is wrong (expected ${gs1CheckDigit(value.slice(0, -1))}) — the code was misread or mistyped.`;
  }
  if ((ai === '17' || ai === '11') && gs1Date(value) === null)
    return `${where}: ${value} is not a date YYMMDD.`;
  return null;
}

function aiAt(text: string, position: number): string | null {
  for (const length of [2, 3, 4]) {
    const candidate = text.slice(position, position + length);
    if (Object.hasOwn(AIS, candidate)) return candidate;
  }
  return null;
}

/** `index` into the text after the AIM identifier; `reported` counts from the start of the scan. */
function unknownAi(text: string, index: number, reported: number): Gs1Result {
  const shown = text.slice(index, index + 4).replaceAll(GS, '<GS>');
  return {
    ok: false,
    message: `Unknown GS1 application identifier at position ${reported}: "${shown}…".`,
    position: reported,
  };
}

/** Splits "(01)…(10)…" into [ai, value] pairs. */
function bracketed(text: string): Gs1Result | [string, string, number][] {
  const pairs: [string, string, number][] = [];
  const pattern = /\((\d{2,4})\)([^(]*)/gy;
  let match: RegExpExecArray | null;
  let end = 0;
  while ((match = pattern.exec(text)) !== null) {
    pairs.push([match[1]!, match[2]!, match.index]);
    end = pattern.lastIndex;
  }
  if (end !== text.length)
    return { ok: false, message: `Not a GS1 element at position ${end}.`, position: end };
  return pairs;
}

export function parseGs1(scanned: string): Gs1Result {
  let text = scanned;
  let offset = 0;
  let symbology: Gs1Data['symbology'] = 'none';
  const aim = AIM_IDS[text.slice(0, 3)];
  if (aim) {
    symbology = aim;
    text = text.slice(3);
    offset = 3;
  } else if (/^\][A-Za-z]\d/.test(text)) {
    return { ok: false, message: `Symbology ${text.slice(0, 3)} does not carry GS1 data.`, position: 0 };
  }
  const elements: Gs1Element[] = [];
  const add = (ai: string, value: string, position: number): Gs1Result | null => {
    const rule = AIS[ai];
    if (!rule) return unknownAi(ai, 0, position);
    const problem = checkValue(ai, rule, value, position);
    if (problem) return { ok: false, message: problem, position };
    if (elements.some((element) => element.ai === ai)) {
      return { ok: false, message: `AI (${ai}) appears twice (position ${position}).`, position };
    }
    elements.push({ ai, title: rule.title, value });
    return null;
  };
  if (text.startsWith('(')) {
    const pairs = bracketed(text);
    if (!Array.isArray(pairs)) return pairs;
    for (const [ai, value, position] of pairs) {
      if (!Object.hasOwn(AIS, ai)) return unknownAi(text, position + 1, position + offset);
      const problem = add(ai, value, position + offset);
      if (problem) return problem;
    }
  } else {
    let position = text.startsWith(GS) ? 1 : 0;
    while (position < text.length) {
      const ai = aiAt(text, position);
      if (ai === null) return unknownAi(text, position, position + offset);
      const rule = AIS[ai]!;
      const start = position + ai.length;
      let end: number;
      if (rule.fixed) end = start + rule.length;
      else {
        const separator = text.indexOf(GS, start);
        end = separator === -1 ? text.length : separator;
      }
      const problem = add(ai, text.slice(start, end), start + offset);
      if (problem) return problem;
      position = text[end] === GS ? end + 1 : end;
    }
  }
  if (elements.length === 0)
    return { ok: false, message: 'The code holds no GS1 element.', position: offset };
  const valueOf = (ai: string) => elements.find((element) => element.ai === ai)?.value ?? null;
  const expiry = valueOf('17');
  return {
    ok: true,
    data: {
      symbology,
      elements,
      gtin: valueOf('01'),
      lot: valueOf('10'),
      expiry: expiry === null ? null : gs1Date(expiry),
      serial: valueOf('21'),
      itemId: valueOf('240'),
    },
  };
}

/** The element string a label encodes: fixed-length AIs first, a GS after each variable one but the last. */
export function gs1ElementString(fields: { ai: string; value: string }[]): string {
  const ordered = [...fields].sort((a, b) => Number(AIS[b.ai]!.fixed) - Number(AIS[a.ai]!.fixed));
  return ordered
    .map(
      (field, index) =>
        `${field.ai}${field.value}${!AIS[field.ai]!.fixed && index < ordered.length - 1 ? GS : ''}`,
    )
    .join('');
}
