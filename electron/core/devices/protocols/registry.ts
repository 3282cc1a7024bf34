import { andStandard } from './and-standard';
import { mtSics } from './mt-sics';
import { phMt } from './ph-mt';
import { protocolNames, type InstrumentProtocol, type ProtocolName } from './protocol';
import { sartoriusSbi } from './sartorius-sbi';
import { defaultScannerOptions, scannerProtocol, type ScannerOptions } from './scanner';

export function isProtocolName(value: string): value is ProtocolName {
  return (protocolNames as readonly string[]).includes(value);
}

/** The protocol an instrument is registered with; scanners take their line format as options. */
export function protocolFor(
  name: ProtocolName,
  scanner: ScannerOptions = defaultScannerOptions,
): InstrumentProtocol {
  switch (name) {
    case 'mt-sics':
      return mtSics;
    case 'sartorius-sbi':
      return sartoriusSbi;
    case 'and':
      return andStandard;
    case 'ph-mt':
      return phMt;
    case 'scanner':
      return scannerProtocol(scanner);
  }
}
