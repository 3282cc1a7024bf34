/**
 * Vitest global set-up: every test's anchors (docs/audit-trail.md) go to one temporary folder,
 * never to the real ~/.config/ebr-workstation; CLI processes the tests start inherit it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const directory = mkdtempSync(join(tmpdir(), 'ebr-anchors-'));
  process.env.EBR_ANCHOR_DIR = directory;
  return () => rmSync(directory, { recursive: true, force: true });
}
