/**
 * The one number formatter of the workstation: every value and limit shown on a screen, in a
 * dialog, a list, the CLI or a PDF goes through here, with the recipe's precision and unit — and,
 * where a person reads it, in their language ("80,02 kg" in German). Stored values and recorded
 * texts stay canonical (a point, no grouping): only what is shown and typed is localized.
 */
import type { Language } from '../i18n/languages';
import { translator } from '../i18n/translator';

/** The decimal separator a language writes and reads. */
export const decimalSeparator: Record<Language, '.' | ','> = { en: '.', de: ',' };

/** A number with the step's decimals (`2.000`, `2,000` in German), or as written when none apply (0.1 + 0.2 → 0.3). */
export function formatNumber(value: number, decimals?: number, language: Language = 'en'): string {
  const canonical = decimals === undefined ? String(Number(value.toPrecision(12))) : value.toFixed(decimals);
  return localizeNumberText(canonical, language);
}

/** A canonical number text (`80.02`) as a language writes it (`80,02`); never grouped, so it reads back. */
export function localizeNumberText(canonical: string, language: Language): string {
  return language === 'en' ? canonical : canonical.replace('.', decimalSeparator[language]);
}

/** A quantity with its unit: `12.50 kg`, `12,50 kg`. */
export function formatQuantity(
  value: number,
  unit: string,
  decimals?: number,
  language: Language = 'en',
): string {
  return `${formatNumber(value, decimals, language)} ${unit}`;
}

/** The decimals a canonical number text was written with: `2.006` → 3, `12` → 0. */
export function decimalsOf(text: string): number {
  const point = text.indexOf('.');
  return point === -1 ? 0 : text.length - point - 1;
}

/** The decimals a step records its value with, where it has any (weighing, numeric, measurement, calculation). */
export function stepDecimals(step: object): number | undefined {
  return 'decimals' in step && typeof step.decimals === 'number' ? step.decimals : undefined;
}

export interface LimitsToShow {
  min?: number;
  max?: number;
  target?: number;
}

/** Limits in words, each number with the same decimals: `1.990 – 2.010 kg (target 2.000)`, `≥ 10 min`. */
export function formatLimits(
  limits: LimitsToShow,
  unit: string,
  decimals?: number,
  language: Language = 'en',
): string {
  const { min, max, target } = limits;
  const t = translator(language);
  const n = (value: number) => formatNumber(value, decimals, language);
  if (min !== undefined && max !== undefined) {
    const range = `${n(min)} – ${n(max)} ${unit}`;
    return target === undefined ? range : t('numbers.rangeWithTarget', { range, target: n(target) });
  }
  if (min !== undefined) return `≥ ${n(min)} ${unit}`;
  if (max !== undefined) return `≤ ${n(max)} ${unit}`;
  return target === undefined ? '' : t('numbers.targetOnly', { target: n(target), unit });
}

/** Why a typed number was refused: a key in the `common` catalogue's `numbers.refused`. */
export type NumberRefusal =
  'empty' | 'ambiguousSeparator' | 'wrongSeparator' | 'twoSeparators' | 'notANumber';

export type ParsedNumber =
  | { ok: true; value: number; canonical: string; decimals: number }
  | { ok: false; refusal: NumberRefusal; position: number; message: string };

/**
 * Reads a number as a person typed it in their language, strictly: one decimal separator (the
 * language's), digits on both sides, an optional leading minus, nothing else. A separator that could
 * be a thousands separator is refused, never guessed: German "1.234" may mean 1234 or 1,234, so it is
 * refused with the position of the point. The result is canonical (`80,020` → `80.020`, decimals kept).
 */
export function parseLocaleNumber(typed: string, language: Language): ParsedNumber {
  const t = translator(language);
  const text = typed.trim();
  const lead = typed.length - typed.trimStart().length;
  const refuse = (refusal: NumberRefusal, index: number, character = ''): ParsedNumber => ({
    ok: false,
    refusal,
    position: lead + index + 1,
    message: t(`numbers.refused.${refusal}`, {
      text,
      position: lead + index + 1,
      character,
      separator: decimalSeparator[language],
    }),
  });
  if (text === '') return refuse('empty', 0);
  const own = decimalSeparator[language];
  const other = own === '.' ? ',' : '.';
  const body = text.startsWith('-') ? text.slice(1) : text;
  const offset = text.length - body.length;
  let separatorAt = -1;
  for (let i = 0; i < body.length; i += 1) {
    const c = body[i]!;
    if (c >= '0' && c <= '9') continue;
    const at = offset + i;
    if (c === other) {
      // A point in German (a comma in English) is what the other convention groups thousands with.
      const groupsOfThree =
        /^\d{1,3}$/.test(body.slice(0, i).split(other).pop() ?? '') && /^\d{3}(\D|$)/.test(body.slice(i + 1));
      return refuse(groupsOfThree ? 'ambiguousSeparator' : 'wrongSeparator', at, c);
    }
    if (c === own) {
      if (separatorAt !== -1) return refuse('twoSeparators', at, c);
      separatorAt = i;
      continue;
    }
    return refuse('notANumber', at, c);
  }
  if (body === '' || separatorAt === 0 || separatorAt === body.length - 1)
    return refuse('notANumber', offset + Math.max(separatorAt, 0), own);
  const canonical = `${text.startsWith('-') ? '-' : ''}${body.replace(own, '.')}`;
  return { ok: true, value: Number(canonical), canonical, decimals: decimalsOf(canonical) };
}
