import { EbrError } from '../../../shared/errors';
import { DeviceError } from '../../core/devices/device-error';
import { probeInstrument } from '../../core/devices/probe';
import { protocolNames } from '../../core/devices/protocols/protocol';
import { isProtocolName } from '../../core/devices/protocols/registry';
import type { SerialSettings } from '../../core/devices/serial-settings';
import type { CliIo } from '../io';
import { requireOption, type ParsedOptions } from '../options';

const DEFAULT_TIMEOUT_SECONDS = 10;

function invalid(message: string): EbrError {
  return new EbrError('VALIDATION_FAILED', `${message}. See ebr --help.`);
}

/** Serial settings given on the command line; the protocol's factory defaults fill the rest. */
function settingsFrom(options: ParsedOptions): Partial<SerialSettings> {
  const settings: Partial<SerialSettings> = {};
  if (options.baud !== undefined) {
    const baudRate = Number(options.baud);
    if (!Number.isInteger(baudRate) || baudRate <= 0)
      throw invalid(`--baud must be a positive whole number, not "${options.baud}"`);
    settings.baudRate = baudRate;
  }
  if (options.parity !== undefined) {
    if (options.parity !== 'none' && options.parity !== 'even' && options.parity !== 'odd') {
      throw invalid(`--parity must be none, even or odd, not "${options.parity}"`);
    }
    settings.parity = options.parity;
  }
  if (options['data-bits'] !== undefined) {
    if (options['data-bits'] !== '7' && options['data-bits'] !== '8') {
      throw invalid(`--data-bits must be 7 or 8, not "${options['data-bits']}"`);
    }
    settings.dataBits = options['data-bits'] === '7' ? 7 : 8;
  }
  return settings;
}

function timeoutMs(options: ParsedOptions): number {
  if (options.timeout === undefined) return DEFAULT_TIMEOUT_SECONDS * 1000;
  const seconds = Number(options.timeout);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600) {
    throw invalid(`--timeout must be a number of seconds between 0 and 600, not "${options.timeout}"`);
  }
  return Math.round(seconds * 1000);
}

/**
 * `ebr device probe --port PATH --protocol P`: commissioning check. Prints one JSON line with the
 * model, serial number and one stable reading (or the first scan); exit 1 with the reason when
 * the instrument does not answer in time or refuses.
 */
export async function deviceProbeCommand(options: ParsedOptions, io: CliIo): Promise<number> {
  const path = requireOption(options, 'port');
  const protocol = requireOption(options, 'protocol');
  if (!isProtocolName(protocol)) {
    throw invalid(`--protocol must be one of ${protocolNames.join(', ')}, not "${protocol}"`);
  }
  const request = { path, protocol, settings: settingsFrom(options), timeoutMs: timeoutMs(options) };
  try {
    const result = await probeInstrument(request);
    io.out(JSON.stringify(result));
    return 0;
  } catch (error) {
    if (!(error instanceof DeviceError)) throw error;
    io.err(`ebr device probe: ${error.message}`);
    return 1;
  }
}
