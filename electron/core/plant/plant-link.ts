import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EbrError } from '../../../shared/errors';
import { writeFileDurably } from '../keys/sealed-file';

/** What an enrolled terminal pins: the server's URL, signing key and TLS certificate. */
export interface PlantLink {
  format: 'ebr-plant-link/1';
  serverUrl: string;
  nodeId: string;
  serverPublicKeyPem: string;
  serverFingerprint: string;
  tlsCertificatePem: string;
  /** SHA-256 of the certificate's DER, AA:BB:… */
  tlsFingerprint: string;
  enrolledAtUtc: string;
}

/** Where shipping stands, for the status line and for `ebr sync`. */
export interface ShippingState {
  ackSeq: number;
  lastShippedAtUtc: string | null;
  lastAttemptAtUtc: string | null;
  /** The last refusal or failure, or null when the last attempt succeeded. */
  lastProblem: { reason: string; message: string } | null;
}

export const PLANT_LINK_FILE = 'plant-link.json';
export const SHIPPING_STATE_FILE = 'plant-shipping.json';

export function readPlantLink(dataDir: string): PlantLink | null {
  const file = join(dataDir, PLANT_LINK_FILE);
  if (!existsSync(file)) return null;
  try {
    const link = JSON.parse(readFileSync(file, 'utf8')) as PlantLink;
    if (link.format !== 'ebr-plant-link/1') throw new Error(`unknown format ${String(link.format)}`);
    return link;
  } catch (error) {
    throw new EbrError(
      'STORE_CORRUPT',
      `The plant link file ${file} cannot be read (${(error as Error).message}).`,
      {
        file,
      },
    );
  }
}

export function writePlantLink(dataDir: string, link: PlantLink): void {
  writeFileDurably(join(dataDir, PLANT_LINK_FILE), JSON.stringify(link, null, 2) + '\n');
}

export function readShippingState(dataDir: string): ShippingState {
  const file = join(dataDir, SHIPPING_STATE_FILE);
  if (!existsSync(file))
    return { ackSeq: 0, lastShippedAtUtc: null, lastAttemptAtUtc: null, lastProblem: null };
  return JSON.parse(readFileSync(file, 'utf8')) as ShippingState;
}

export function writeShippingState(dataDir: string, state: ShippingState): void {
  writeFileDurably(join(dataDir, SHIPPING_STATE_FILE), JSON.stringify(state, null, 2) + '\n');
}
