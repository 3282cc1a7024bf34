/**
 * Anchors outside the data folder (docs/audit-trail.md) are keyed by the folder's identity, which a
 * copy of the folder shares: tests that attack several copies of one store give each copy its own
 * anchor folder, starting from the anchors as they are now.
 */
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { HeadAnchor } from '../../electron/core/audit/head-anchor';
import { profileAnchorDirectory } from '../../electron/core/audit/head-anchor';
import { temporaryFolder } from './fresh-app';

/**
 * Switches EBR_ANCHOR_DIR to a folder of its own — a copy of the current anchor folder, or empty with
 * `{ empty: true }` for a test that counts the anchors its folders write (the shared folder holds
 * every other test file's anchors too); the returned function switches back.
 */
export function isolateAnchors({ empty = false }: { empty?: boolean } = {}): () => void {
  const previous = process.env.EBR_ANCHOR_DIR;
  const current = profileAnchorDirectory();
  const own = temporaryFolder('ebr-anchors-');
  // The anchors only (`<folder id>.json`), one by one: an anchor being rewritten elsewhere in this
  // process passes through a temp file that is renamed away, and a whole-folder copy that meets it
  // mid-rename fails with ENOENT.
  if (!empty && existsSync(current))
    for (const name of readdirSync(current).filter((entry) => entry.endsWith('.json')))
      copyFileSync(join(current, name), join(own, name));
  process.env.EBR_ANCHOR_DIR = own;
  return () => {
    process.env.EBR_ANCHOR_DIR = previous;
    rmSync(own, { recursive: true, force: true });
  };
}

/** The profile anchor of a folder id, as written. */
export function profileAnchorOf(folderId: string): HeadAnchor | null {
  const file = join(profileAnchorDirectory(), `${folderId}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as HeadAnchor) : null;
}
