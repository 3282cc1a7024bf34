import type { SerialSettings } from '../devices/serial-settings';
import { SerialTransport, type SerialBinding } from '../devices/serial-transport';

/** Zebra printers' factory serial settings: 9600 baud, 8 data bits, no parity, 1 stop bit, Xon/Xoff. */
export const ZEBRA_SERIAL: SerialSettings = {
  baudRate: 9600,
  dataBits: 8,
  parity: 'none',
  stopBits: 1,
  flowControl: 'xon-xoff',
};

/**
 * Sends ZPL to a label printer on a serial port (RS-232 or USB serial): opens the port, writes
 * every byte, waits for the OS to drain it, closes. A port that cannot be opened or written is
 * refused with the port and the reason, so the label can be queued and printed again.
 */
export async function sendZplSerial(
  path: string,
  zpl: string,
  settings: SerialSettings = ZEBRA_SERIAL,
  binding?: SerialBinding,
): Promise<void> {
  const transport = new SerialTransport({ path, settings, ...(binding ? { binding } : {}) });
  try {
    await transport.open({ data: () => undefined, lost: () => undefined });
  } catch (error) {
    throw new Error(`The label printer on ${path} cannot be reached (${(error as Error).message}).`, {
      cause: error,
    });
  }
  try {
    await transport.write(Buffer.from(zpl, 'utf8'));
  } catch (error) {
    throw new Error(`The label printer on ${path} did not take the label (${(error as Error).message}).`, {
      cause: error,
    });
  } finally {
    await transport.close();
  }
}
