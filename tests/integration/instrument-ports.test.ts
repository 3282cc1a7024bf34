/**
 * The OS serial ports offered in the instrument register form (`instruments.ports`): a
 * technician, who registers instruments, gets the list; an operator is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SerialPortView } from '../../shared/contract/instruments';
import { freshApp, type FreshApp } from '../helpers/fresh-app';
import { activeUser, expectError, value, type SignedInUser } from '../helpers/identity';

let fresh: FreshApp;
let tess: SignedInUser;
let olga: SignedInUser;

beforeAll(async () => {
  fresh = await freshApp();
  const admin = await fresh.admin();
  tess = await activeUser(fresh.app, admin, 'tess', ['technician']);
  olga = await activeUser(fresh.app, admin, 'olga', ['operator']);
}, 60_000);
afterAll(async () => fresh?.cleanup());

describe('instruments.ports', () => {
  it('lists the serial ports the OS knows for a technician', async () => {
    const ports = value<SerialPortView[]>(await tess.connection.invoke('instruments.ports', {}));
    expect(Array.isArray(ports)).toBe(true);
    for (const port of ports) expect(typeof port.path).toBe('string');
  });

  it('is refused for an operator', async () => {
    expectError(await olga.connection.invoke('instruments.ports', {}), 'FORBIDDEN');
  });
});
