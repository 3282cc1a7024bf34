/** How a serial port is set up for an instrument (the registry stores one per instrument). */

export type Parity = 'none' | 'even' | 'odd';
export type FlowControl = 'none' | 'xon-xoff' | 'rts-cts';

export interface SerialSettings {
  baudRate: number;
  dataBits: 7 | 8;
  parity: Parity;
  stopBits: 1 | 2;
  flowControl: FlowControl;
}

export const baudRates = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200] as const;

/** Settings as written on an instrument's label, e.g. "9600 8N1 Xon/Xoff". */
export function describeSettings(settings: SerialSettings): string {
  const parity = { none: 'N', even: 'E', odd: 'O' }[settings.parity];
  const flow = { none: '', 'xon-xoff': ' Xon/Xoff', 'rts-cts': ' RTS/CTS' }[settings.flowControl];
  return `${settings.baudRate} ${settings.dataBits}${parity}${settings.stopBits}${flow}`;
}
