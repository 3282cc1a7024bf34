/**
 * Checks of the HMI rules (docs/hmi-style.md) shared by the panel-PC specs: axe-core's serious and
 * critical violations, and the alarm colours a part of the screen is drawn with.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';

/** Serious or critical axe-core violations of the page as it is (WCAG 2.1 A/AA rules). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

/**
 * The alarm colours an element and everything in it is drawn with: any saturated red, orange,
 * yellow or green in its text, fill, borders or outline (ISA-101: normal states are grey; blue
 * is for what can be tapped). Returns `selector → colour` for each one found.
 */
export async function alarmColours(locator: Locator): Promise<string[]> {
  return locator.evaluateAll((roots) => {
    const found: string[] = [];
    const alarm = (colour: string) => {
      const match = /rgba?\(([\d.]+), ([\d.]+), ([\d.]+)(?:, ([\d.]+))?\)/.exec(colour);
      if (!match) return false;
      const [r, g, b] = [Number(match[1]), Number(match[2]), Number(match[3])];
      if (match[4] !== undefined && Number(match[4]) === 0) return false;
      const max = Math.max(r, g, b);
      const min = Math.min(r, g, b);
      if (max - min < 60) return false; // grey enough
      const hue =
        max === r
          ? (60 * ((g - b) / (max - min)) + 360) % 360
          : max === g
            ? 60 * ((b - r) / (max - min)) + 120
            : 60 * ((r - g) / (max - min)) + 240;
      return hue < 170 || hue > 330;
    };
    for (const root of roots) {
      for (const element of [root, ...root.querySelectorAll('*')]) {
        // Training marks are amber on purpose: "not a GMP record" needs attention (docs/hmi-style.md).
        if (element.closest('.simulator-panel, .simulated-tag, .training-badge')) continue;
        const style = getComputedStyle(element);
        const colours = [
          style.color,
          style.backgroundColor,
          style.borderTopColor,
          style.borderRightColor,
          style.borderBottomColor,
          style.borderLeftColor,
          ...(style.outlineStyle !== 'none' ? [style.outlineColor] : []),
        ];
        for (const colour of colours) {
          if (alarm(colour)) found.push(`${element.tagName.toLowerCase()}.${element.className} → ${colour}`);
        }
      }
    }
    return found;
  });
}
