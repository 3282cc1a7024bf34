import type { SerialSettingsView } from '../../../shared/contract/instruments';

const parityLetter: Record<SerialSettingsView['parity'], string> = { none: 'N', even: 'E', odd: 'O' };

export const flowControlLabels: Record<SerialSettingsView['flowControl'], string> = {
  none: 'No handshake',
  'xon-xoff': 'Xon/Xoff',
  'rts-cts': 'RTS/CTS',
};

/** `9600 8N1 Xon/Xoff`: how serial settings are written on instrument plates and in manuals. */
export function serialSettingsText(serial: SerialSettingsView): string {
  const frame = `${serial.dataBits}${parityLetter[serial.parity]}${serial.stopBits}`;
  return `${serial.baudRate} ${frame} ${flowControlLabels[serial.flowControl]}`;
}
