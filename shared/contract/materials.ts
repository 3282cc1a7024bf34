import type { LotCondition, LotStatus, MaterialKind } from '../materials/lot-rules';
import type { EquipmentCondition } from '../materials/equipment-rules';
import type { SignatureView } from './signatures';

export interface MaterialView {
  id: string;
  code: string;
  name: string;
  kind: MaterialKind;
  baseUnit: string;
  storageConditions: string;
  registeredByName: string;
  registeredAtUtc: string;
}

export interface LotSummary {
  id: string;
  lotNumber: string;
  materialCode: string;
  materialName: string;
  supplier: string;
  supplierLot: string;
  gtin: string | null;
  receivedDate: string;
  receivedQuantity: number;
  remainingQuantity: number;
  unit: string;
  containerCount: number;
  emptiedContainers: number[];
  expiryDate: string;
  retestDate: string | null;
  potencyPercent: number | null;
  /** As recorded by QA. */
  status: LotStatus;
  /** What the clock makes of it now: a released lot past its dates is expired or retest-due. */
  condition: LotCondition;
  origin: 'manual' | 'import' | 'batch-output';
  producedByBatchNumber: string | null;
}

export interface LotStatusEventView {
  id: string;
  status: LotStatus;
  reason: string;
  changedByName: string;
  changedAtUtc: string;
  signature: SignatureView | null;
}

export interface LotUseView {
  batchId: string;
  batchNumber: string;
  productCode: string;
  stepId: string;
  container: number | null;
  quantity: number;
  unit: string;
  statusAtUse: string;
  potencyAtUse: number | null;
  dispensedByName: string;
  dispensedAtUtc: string;
}

export interface LotView extends LotSummary {
  history: LotStatusEventView[];
  uses: LotUseView[];
}

export interface LotImportProblem {
  line: number;
  column: string;
  message: string;
}

export interface LotImportResult {
  fileName: string;
  imported: LotSummary[];
}

export interface EquipmentLogEntry {
  id: string;
  kind: string;
  /** In words, for the logbook and the screen. */
  text: string;
  batchNumber: string | null;
  productCode: string | null;
  productName: string | null;
  procedure: string | null;
  startedAtUtc: string | null;
  endedAtUtc: string | null;
  reason: string;
  performedByName: string;
  verifiedByName: string | null;
  recordedAtUtc: string;
}

export interface EquipmentView {
  id: string;
  code: string;
  kind: 'equipment' | 'room';
  description: string;
  room: string;
  cleanHoldHours: number;
  dirtyHoldHours: number;
  campaignBatches: number;
  condition: EquipmentCondition;
  /** The status in words ("Clean and free until 2026-11-03 14:00 UTC", "In use by batch B-1"). */
  statusText: string;
  /** Abnormal states are the only ones the board colours. */
  abnormal: boolean;
  inUseByBatchNumber: string | null;
  lastProductCode: string | null;
  cleanUntilUtc: string | null;
}

export interface EquipmentDetailView extends EquipmentView {
  logbook: EquipmentLogEntry[];
}

export interface GenealogyLotView {
  lot: LotSummary;
  /** Forward: every batch that consumed the lot, with the total taken. */
  batches: {
    batchId: string;
    batchNumber: string;
    productCode: string;
    productName: string;
    status: string;
    quantity: number;
    unit: string;
    portions: number;
  }[];
}

export interface GenealogyBatchView {
  batchId: string;
  batchNumber: string;
  productCode: string;
  productName: string;
  status: string;
  /** Backward: every lot consumed, with amounts. */
  lots: {
    lotNumber: string;
    materialCode: string;
    materialName: string;
    quantity: number;
    unit: string;
    containers: number[];
    statusAtUse: string;
    potencyAtUse: number | null;
  }[];
  equipment: { code: string; description: string; firstUseUtc: string; cleanStatusAtUse: string }[];
  outputLot: LotSummary | null;
}

export interface LogbookFile {
  fileName: string;
  mediaType: 'application/pdf';
  base64: string;
  sha256: string;
  byteLength: number;
}
