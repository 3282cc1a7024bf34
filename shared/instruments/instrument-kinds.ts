/** Instrument kinds and the protocols each may speak (documented in docs/devices.md). */
export const instrumentKinds = ['balance', 'ph-meter', 'barcode-scanner'] as const;
export type InstrumentKind = (typeof instrumentKinds)[number];

export const instrumentProtocols = ['mt-sics', 'sartorius-sbi', 'and', 'ph-mt', 'scanner'] as const;
export type InstrumentProtocol = (typeof instrumentProtocols)[number];

export const protocolsOfKind: Record<InstrumentKind, readonly InstrumentProtocol[]> = {
  balance: ['mt-sics', 'sartorius-sbi', 'and'],
  'ph-meter': ['ph-mt'],
  'barcode-scanner': ['scanner'],
};

export const instrumentKindLabels: Record<InstrumentKind, string> = {
  balance: 'Balance',
  'ph-meter': 'pH meter',
  'barcode-scanner': 'Barcode scanner',
};

export const protocolLabels: Record<InstrumentProtocol, string> = {
  'mt-sics': 'Mettler Toledo MT-SICS',
  'sartorius-sbi': 'Sartorius SBI',
  and: 'A&D standard format',
  'ph-mt': 'pH meter (MT-SICS-style dialect)',
  scanner: 'Serial barcode scanner',
};

export type InstrumentStatus = 'active' | 'out-of-service' | 'retired';
export type CalibrationState = 'valid' | 'due-soon' | 'overdue' | 'not-required';

/** Calibration due within this many days shows as due soon. */
export const CALIBRATION_DUE_SOON_DAYS = 7;
