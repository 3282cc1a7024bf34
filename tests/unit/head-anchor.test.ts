/**
 * The anchor stores outside the data folder: where the profile file lives, that it is written
 * owner-only and crash-safely, that a keystore-sealed anchor cannot be read or altered without the
 * keystore, and that a slow keystore always ends up holding the latest head.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HeadAnchors } from '../../electron/core/audit/anchor-check';
import {
  ANCHOR_FORMAT,
  profileAnchorDirectory,
  profileAnchorStore,
  sealedAnchorStore,
  type AnchorSealer,
  type AnchorStore,
  type HeadAnchor,
} from '../../electron/core/audit/head-anchor';
import type { SignedCheckpoint } from '../../electron/core/audit/head-mirror';
import { temporaryFolder } from '../helpers/fresh-app';

const FOLDER_ID = '0f9c2b1e-6a43-4d8e-9b1f-2c7d5e8a4b31';
const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
function folder(): string {
  const created = temporaryFolder('ebr-anchor-unit-');
  folders.push(created);
  return created;
}

function head(auditSeq: number): SignedCheckpoint {
  return {
    checkpointSeq: auditSeq,
    auditSeq,
    auditHash: 'ab'.repeat(32),
    atUtc: '2026-11-02T08:00:00.000Z',
    terminalId: 'terminal-1',
    keyId: 'cd'.repeat(32),
    signature: 'c2lnbmF0dXJl',
  };
}
const anchorAt = (auditSeq: number): HeadAnchor => ({
  format: ANCHOR_FORMAT,
  folderId: FOLDER_ID,
  dataDir: '/srv/ebr/data',
  head: head(auditSeq),
});

/** AES-256-GCM under a key only this "keystore" holds: stands in for safeStorage. */
function keystoreSealer(key = randomBytes(32)): AnchorSealer {
  return {
    async seal(plaintext) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return Buffer.concat([nonce, cipher.getAuthTag(), body]);
    },
    async unseal(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

describe('the anchor in the user profile', () => {
  it('lives in EBR_ANCHOR_DIR, else under the platform config folder', () => {
    expect(profileAnchorDirectory({ EBR_ANCHOR_DIR: '/x/anchors' })).toBe('/x/anchors');
    if (process.platform !== 'win32') {
      expect(profileAnchorDirectory({ XDG_CONFIG_HOME: '/home/op/.cfg' })).toBe(
        '/home/op/.cfg/ebr-workstation/anchors',
      );
    }
  });

  it('is one owner-only JSON file per folder id, replaced whole, no temporaries left', async () => {
    const directory = join(folder(), 'anchors');
    const store = profileAnchorStore(directory);
    expect(await store.read(FOLDER_ID)).toBeNull();
    await store.write(anchorAt(5));
    await store.write(anchorAt(6));
    // A writer killed between write and rename left its temporary: the next read removes it.
    writeFileSync(join(directory, `${FOLDER_ID}.json.999999999.tmp`), '{');
    expect((await store.read(FOLDER_ID))?.head.auditSeq).toBe(6);
    expect(readdirSync(directory)).toEqual([`${FOLDER_ID}.json`]);
    expect(statSync(join(directory, `${FOLDER_ID}.json`)).mode & 0o777).toBe(0o600);
    expect(statSync(directory).mode & 0o777).toBe(0o700);
    expect((await store.read(FOLDER_ID))?.head.auditSeq).toBe(6);
  });

  it('names the file when it is not an anchor, and refuses an id that is not a UUID as a path', async () => {
    const directory = folder();
    const store = profileAnchorStore(directory);
    writeFileSync(join(directory, `${FOLDER_ID}.json`), '{"format":"something else"}');
    await expect(store.read(FOLDER_ID)).rejects.toThrow(
      `${FOLDER_ID}.json is not an ${ANCHOR_FORMAT} anchor`,
    );
    await expect(store.read('../../etc/passwd')).rejects.toThrow('not a data folder id');
  });
});

describe('the anchor sealed by an OS keystore', () => {
  it('round-trips through the keystore and holds no readable head', async () => {
    const directory = folder();
    const store = sealedAnchorStore(directory, keystoreSealer(), 'the OS keystore');
    await store.write(anchorAt(42));
    const [file] = readdirSync(directory);
    expect(readFileSync(join(directory, file!), 'utf8')).not.toContain('auditSeq');
    expect((await store.read(FOLDER_ID))?.head.auditSeq).toBe(42);
    expect(store.describe(FOLDER_ID)).toContain('the OS keystore');
  });

  it('cannot be opened by another keystore, nor altered unnoticed', async () => {
    const directory = folder();
    await sealedAnchorStore(directory, keystoreSealer(), 'keystore A').write(anchorAt(7));
    await expect(
      sealedAnchorStore(directory, keystoreSealer(), 'keystore B').read(FOLDER_ID),
    ).rejects.toThrow(/keystore B cannot open the anchor/);
  });
});

describe('keeping anchors at the latest head', () => {
  it('a slow keystore gets the latest head once its write is done; the profile file is written at once', async () => {
    const written: number[] = [];
    let release: () => void = () => {};
    const slow: AnchorStore = {
      describe: () => 'slow keystore',
      read: async () => null,
      write: async (anchor) => {
        await new Promise<void>((resolve) => (release = resolve));
        written.push(anchor.head.auditSeq);
      },
    };
    const profile = profileAnchorStore(folder());
    const anchors = new HeadAnchors([profile, slow], FOLDER_ID, '/srv/ebr/data');
    anchors.record(head(1));
    // The profile file is written before record returns.
    expect((await profile.read(FOLDER_ID))?.head.auditSeq).toBe(1);
    anchors.record(head(2));
    anchors.record(head(3));
    const settled = anchors.settled();
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      release();
    }
    await settled;
    expect(written).toEqual([1, 3]);
    expect((await profile.read(FOLDER_ID))?.head.auditSeq).toBe(3);
  });

  it('a keystore not usable on this machine now (insecure backend) is skipped, not written', async () => {
    const writes: number[] = [];
    const unavailable: AnchorStore = {
      describe: () => 'an insecure keystore',
      read: async () => null,
      write: async (anchor) => {
        writes.push(anchor.head.auditSeq);
      },
      isAvailable: async () => false,
    };
    const anchors = new HeadAnchors([unavailable], FOLDER_ID, '/srv/ebr/data');
    anchors.record(head(1));
    await anchors.settled();
    expect(writes).toEqual([]);
  });

  it('a failed anchor write does not fail the committed change: it is reported', async () => {
    const failing: AnchorStore = {
      describe: () => 'a full disk',
      read: async () => null,
      write: async () => {
        throw new Error('ENOSPC: no space left on device');
      },
    };
    const errors: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const anchors = new HeadAnchors([failing], FOLDER_ID, '/srv/ebr/data');
      expect(() => anchors.record(head(1))).not.toThrow();
      await anchors.settled();
    } finally {
      console.error = original;
    }
    expect(String(errors[0]?.[0])).toContain('a full disk was not updated');
    expect(String(errors[0]?.[1])).toContain('ENOSPC');
  });
});
