import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { jsPDF } from 'jspdf';
import { EbrError } from '../../../shared/errors';
import { showHiddenCharacters } from './visible-text';

/**
 * The font every PDF report embeds: DejaVu Sans (regular and bold), so that µ, ±, °C, accents and
 * other scripts print as stored, whatever fonts the reader's machine has.
 */
export const REPORT_FONT = 'DejaVuSans';
const FONT_FILES = { normal: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;

/**
 * Where the fonts are: beside the bundle (`dist/electron/fonts/`, copied by electron/build.mjs;
 * inside the packaged app.asar too), in Electron's resources folder, or in the repository
 * (`resources/fonts/`, when run from source by tsx, vitest and the CLI).
 */
export function fontDirectoryCandidates(): string[] {
  const candidates = [
    fileURLToPath(new URL('./fonts/', import.meta.url)),
    fileURLToPath(new URL('../../../resources/fonts/', import.meta.url)),
  ];
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) candidates.push(join(resourcesPath, 'fonts'));
  return candidates;
}

let fontCache: { normal: string; bold: string } | undefined;

function fontFiles(): { normal: string; bold: string } {
  if (fontCache) return fontCache;
  const candidates = fontDirectoryCandidates();
  const directory = candidates.find((candidate) => existsSync(join(candidate, FONT_FILES.normal)));
  if (!directory) {
    throw new EbrError('INTERNAL', 'The PDF report font (DejaVu Sans) is missing from this installation.', {
      looked: candidates,
    });
  }
  fontCache = {
    normal: readFileSync(join(directory, FONT_FILES.normal)).toString('base64'),
    bold: readFileSync(join(directory, FONT_FILES.bold)).toString('base64'),
  };
  return fontCache;
}

/** Embeds DejaVu Sans (normal and bold) in `doc` and makes it the current font. */
export function embedReportFont(doc: jsPDF): void {
  // Every report document passes here: from now on it shows bidi and control characters escaped.
  showHiddenCharacters(doc);
  const font = fontFiles();
  doc.addFileToVFS(FONT_FILES.normal, font.normal);
  doc.addFont(FONT_FILES.normal, REPORT_FONT, 'normal');
  doc.addFileToVFS(FONT_FILES.bold, font.bold);
  doc.addFont(FONT_FILES.bold, REPORT_FONT, 'bold');
  doc.setFont(REPORT_FONT, 'normal');
}
