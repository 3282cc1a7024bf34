import type { RecordedValue } from '../../../shared/batches/recorded-value';
import { field, fieldsOf, xmlText } from '../xml/xml-fields';
import { leaf, node, xmlDocument, type XmlNode } from '../xml/xml-writer';
import type { ElectronicCopy, ElectronicCopyDocument } from './electronic-copy';
import { B2MML_NAMESPACE, EXTENSIONS_NAMESPACE } from '../xml/b2mml';

/**
 * The batch record as a BatchML BatchProductionRecord (ISA-88 part 4, MESA B2MML V0700), built
 * from the electronic copy's document — the same data, never read again — so the XML and the JSON
 * cannot disagree. BatchML elements carry what they can (header, structure, entries as events,
 * corrections as changes, comments, materials consumed); the rest travels in the documented
 * extension Extended:EbrRecord (resources/b2mml/BatchML-BatchProductionRecordExtensions.xsd).
 * The mapping table is docs/batchml.md. Validates against the shipped schemas (tests).
 */

type Document = ElectronicCopyDocument;
type StepOfRecord = Document['steps'][number];
type EntryOfRecord = StepOfRecord['entries'][number];
type SignatureOfRecord = EntryOfRecord['signatures'][number];

const ext = (name: string) => `Extended:${name}`;

/** The numeric reading of a value with its unit, where it has one. */
function quantityOf(value: RecordedValue): { text: string; unit: string } | null {
  switch (value.type) {
    case 'numeric':
    case 'measurement':
    case 'calculation':
    case 'weighing':
      return { text: value.text, unit: value.unit };
    case 'timer':
      return { text: String(value.elapsedMinutes), unit: 'min' };
    default:
      return null;
  }
}

function valueElement(name: string, entry: EntryOfRecord): XmlNode {
  const quantity = quantityOf(entry.value);
  return node(name, [
    leaf('ValueString', xmlText(quantity?.text ?? entry.display)),
    leaf('DataType', quantity ? 'decimal' : 'string'),
    quantity && leaf('UnitOfMeasure', quantity.unit),
  ]);
}

const attribute = (id: string, value: string | number | boolean) =>
  node('UserAttribute', [
    leaf('AttributeID', id),
    node('Value', [leaf('ValueString', xmlText(String(value)))]),
  ]);

/** One entry as a BatchML event: the value, who, when, where, how it was captured and its limits. */
function entryEvent(step: StepOfRecord, entry: EntryOfRecord, terminalName: string): XmlNode {
  const limits = 'limits' in entry.value ? entry.value.limits : {};
  const instrument = 'instrument' in entry.value ? entry.value.instrument : undefined;
  return node('Event', [
    leaf('EntryID', entry.id),
    leaf('ObjectType', 'Event'),
    leaf('TimeStamp', entry.enteredAtUtc),
    leaf('Description', `${step.definition.title} (${entry.kind})`),
    leaf('EventType', 'Procedural Execution'),
    leaf('EventSubType', 'Parameter Data'),
    instrument && leaf('EquipmentID', instrument.assetId),
    valueElement('Value', entry),
    leaf('PersonID', entry.enteredByName),
    leaf('ComputerID', terminalName),
    leaf('ProceduralElementReference', `${step.operationId}/${step.id}`),
    leaf('Category', entry.origin),
    limits.min !== undefined && attribute('LowerLimit', limits.min),
    limits.target !== undefined && attribute('Target', limits.target),
    limits.max !== undefined && attribute('UpperLimit', limits.max),
    entry.withinLimits !== null && attribute('WithinLimits', entry.withinLimits),
    attribute('Superseded', entry.superseded),
  ]);
}

interface Consumption {
  entry: EntryOfRecord;
  step: StepOfRecord;
  material: string;
  lotNumber: string | null;
  container: number | null;
  quantity: number;
  unit: string;
}

/** Materials weighed, per lot where the lots are known (multi-lot portions or the potency lot). */
function consumptionsOf(steps: StepOfRecord[]): Consumption[] {
  const consumptions: Consumption[] = [];
  for (const step of steps) {
    for (const entry of step.entries) {
      const value = entry.value;
      if (value.type !== 'weighing') continue;
      const base = { entry, step, material: value.material, unit: value.unit };
      if (value.portions && value.portions.length > 0) {
        for (const portion of value.portions) {
          consumptions.push({
            ...base,
            lotNumber: portion.lotNumber,
            container: portion.container,
            quantity: portion.net,
          });
        }
      } else {
        consumptions.push({
          ...base,
          lotNumber: value.potency?.lotNumber ?? null,
          container: null,
          quantity: value.net,
        });
      }
    }
  }
  return consumptions;
}

function consumptionEvent(consumption: Consumption, index: number): XmlNode {
  return node('Event', [
    leaf('EntryID', `${consumption.entry.id}#material-${index + 1}`),
    leaf('ObjectType', 'Event'),
    leaf('TimeStamp', consumption.entry.enteredAtUtc),
    leaf('Description', `${consumption.material} consumed at ${consumption.step.definition.title}`),
    leaf('EventType', 'Material'),
    leaf('EventSubType', 'Consume'),
    node('Value', [
      leaf('ValueString', String(consumption.quantity)),
      leaf('DataType', 'decimal'),
      leaf('UnitOfMeasure', consumption.unit),
    ]),
    leaf('PersonID', consumption.entry.enteredByName),
    leaf('ProceduralElementReference', `${consumption.step.operationId}/${consumption.step.id}`),
    attribute('MaterialDefinitionID', consumption.material),
    consumption.lotNumber !== null && attribute('MaterialLotID', consumption.lotNumber),
    attribute('Superseded', consumption.entry.superseded),
  ]);
}

interface EquipmentUse {
  equipmentId: string;
  serialNumber?: string;
  model?: string | null;
  step: StepOfRecord;
  entry: EntryOfRecord;
  how: 'instrument reading' | 'scanned';
}

function equipmentUsed(steps: StepOfRecord[]): EquipmentUse[] {
  const uses: EquipmentUse[] = [];
  for (const step of steps) {
    for (const entry of step.entries) {
      const value = entry.value;
      if ('instrument' in value && value.instrument) {
        const { assetId, serialNumber, model } = value.instrument;
        uses.push({ equipmentId: assetId, serialNumber, model, step, entry, how: 'instrument reading' });
      }
      if (
        value.type === 'scan' &&
        step.definition.type === 'scan' &&
        step.definition.subject === 'equipment'
      ) {
        uses.push({ equipmentId: xmlText(value.code), step, entry, how: 'scanned' });
      }
    }
  }
  return uses;
}

/** Every signature of the record, once, wherever it sits (batch, entries, exceptions, QA's review). */
function signaturesOf(document: Document): SignatureOfRecord[] {
  const all: SignatureOfRecord[] = [
    ...document.batch.signatures,
    ...document.steps.flatMap((step) => step.entries.flatMap((entry) => entry.signatures)),
    ...document.exceptions.flatMap((exception) => exception.signatures),
    ...document.review.dispositions.flatMap((disposition) => disposition.signatures),
    ...document.review.auditReviews.flatMap((auditReview) => auditReview.signatures),
    ...(document.review.decision?.signatures ?? []),
  ];
  const seen = new Set<string>();
  return all.filter((signature) => !seen.has(signature.id) && seen.add(signature.id));
}

function signatureElement(signature: SignatureOfRecord): XmlNode {
  return node(
    ext('Signature'),
    [
      leaf(ext('RecordType'), signature.recordType),
      leaf(ext('RecordID'), signature.recordId),
      leaf(ext('Meaning'), signature.meaning),
      leaf(ext('Statement'), xmlText(signature.statement)),
      leaf(ext('SignerUserID'), signature.signerUserId),
      leaf(ext('SignerUsername'), signature.signerUsername),
      leaf(ext('PrintedName'), signature.signerName),
      leaf(ext('SignedAt'), signature.signedAtUtc),
      leaf(ext('TimeZone'), signature.timeZone),
      leaf(ext('TerminalID'), signature.terminalId),
      leaf(ext('TerminalName'), signature.terminalName),
      leaf(ext('ContentSHA256'), signature.contentHash),
      leaf(ext('KeyID'), signature.keyId),
      leaf(ext('SignatureValue'), signature.signature),
      leaf(
        ext('Verification'),
        typeof signature.verification === 'string'
          ? signature.verification
          : JSON.stringify(signature.verification),
      ),
    ],
    { id: signature.id },
  );
}

/** A record's fields as an EbrItem; its signatures by id (they are listed once, as Signature elements). */
function item(name: string, record: object, id?: string): XmlNode {
  const { signatures, ...rest } = record as { signatures?: SignatureOfRecord[] };
  return node(
    ext(name),
    [
      ...fieldsOf(rest),
      signatures &&
        field(
          'signatureIds',
          signatures.map((signature) => signature.id),
        ),
    ],
    id === undefined ? undefined : { id },
  );
}

function structure(document: Document): XmlNode {
  return node(
    'RecipeElements',
    document.operations.map((operation) =>
      node('RecipeElementRecord', [
        leaf('EntryID', operation.id),
        leaf('ObjectType', 'Recipe Element'),
        leaf('Description', operation.title),
        node('RecipeElementType', [
          leaf('ID', operation.id),
          leaf('Description', operation.title),
          leaf('RecipeElementType', 'Operation'),
          ...document.steps
            .filter((step) => step.operationId === operation.id)
            .map((step) =>
              node('RecipeElement', [
                leaf('ID', step.id),
                leaf('Description', step.definition.title),
                leaf('RecipeElementType', 'Phase'),
              ]),
            ),
        ]),
      ]),
    ),
  );
}

function changeHistory(document: Document): XmlNode | null {
  const entries = new Map(
    document.steps.flatMap((step) => step.entries.map((entry) => [entry.id, { step, entry }])),
  );
  const changes = [...entries.values()].filter(({ entry }) => entry.supersedesId !== null);
  if (changes.length === 0) return null;
  return node(
    'ChangeHistory',
    changes.map(({ step, entry }) => {
      const original = entries.get(entry.supersedesId!)!;
      return node('Change', [
        leaf('EntryID', entry.id),
        leaf('ObjectType', 'Change'),
        leaf('TimeStamp', entry.enteredAtUtc),
        leaf(
          'Description',
          `${step.definition.title}: ${xmlText(original.entry.display)} → ${xmlText(entry.display)} (${entry.kind}, ${entry.enteredByName})`,
        ),
        leaf('RecordReference', original.entry.id),
        valueElement('PrechangeData', original.entry),
        entry.reason !== null && leaf('Reason', xmlText(entry.reason)),
      ]);
    }),
  );
}

function comments(document: Document): XmlNode | null {
  if (document.comments.length === 0) return null;
  return node(
    'Comments',
    document.comments.map((comment) =>
      node('Comment', [
        leaf('EntryID', comment.id),
        leaf('ObjectType', 'Comment'),
        leaf('TimeStamp', comment.createdAtUtc),
        leaf('RecordReference', comment.stepId ?? document.batch.batchNumber),
        leaf('CommentText', xmlText(comment.text)),
        leaf('PersonID', comment.authorName),
      ]),
    ),
  );
}

function extension(document: Document, copy: ElectronicCopy): XmlNode {
  const { content, ...recipeHeader } = document.recipe;
  const stepOf = (step: StepOfRecord) => {
    const { entries, ...rest } = step;
    return item('Step', { ...rest, entryIds: entries.map((entry) => entry.id) }, step.id);
  };
  const { signatures: batchSignatures, ...batch } = document.batch;
  return node(ext('EbrRecord'), [
    leaf(ext('ElectronicCopyFormat'), document.format),
    leaf(ext('ElectronicCopySHA256'), copy.sha256),
    item('ProducedBy', document.producedBy),
    item('Batch', { ...batch, signatures: batchSignatures }, batch.id),
    item('Recipe', { ...recipeHeader, content }, recipeHeader.versionId),
    ...document.operations.map((operation) => item('Operation', operation, operation.id)),
    ...document.steps.map(stepOf),
    ...document.steps.flatMap((step) =>
      step.entries.map((entry) => item('Entry', { stepId: step.id, ...entry }, entry.id)),
    ),
    ...signaturesOf(document).map(signatureElement),
    ...document.exceptions.map((exception) => item('Exception', exception, exception.id)),
    ...document.review.dispositions.map((disposition) => item('Disposition', disposition)),
    ...document.review.auditReviews.map((auditReview) => item('AuditReview', auditReview)),
    document.review.decision && item('Decision', document.review.decision),
    ...consumptionsOf(document.steps).map((consumption) =>
      node(ext('MaterialConsumed'), [
        leaf(ext('EntryID'), consumption.entry.id),
        leaf(ext('StepID'), consumption.step.id),
        leaf(ext('MaterialDefinitionID'), consumption.material),
        leaf(ext('MaterialLotID'), consumption.lotNumber),
        leaf(ext('Container'), consumption.container),
        leaf(ext('Quantity'), consumption.quantity),
        leaf(ext('UnitOfMeasure'), consumption.unit),
        leaf(ext('Superseded'), consumption.entry.superseded),
      ]),
    ),
    ...equipmentUsed(document.steps).map((use) =>
      node(ext('EquipmentUsed'), [
        leaf(ext('EquipmentID'), use.equipmentId),
        leaf(ext('SerialNumber'), use.serialNumber),
        leaf(ext('Model'), use.model),
        leaf(ext('StepID'), use.step.id),
        leaf(ext('EntryID'), use.entry.id),
        leaf(ext('How'), use.how),
      ]),
    ),
    ...document.auditTrail.rows.map((row) => item('AuditRow', row, String(row.seq))),
    document.auditChainCheckpoint && item('AuditChainCheckpoint', document.auditChainCheckpoint),
    ...document.terminals.map((terminal) => item('Terminal', terminal, terminal.id)),
  ]);
}

/** The BatchProductionRecord XML of one batch record (UTF-8). */
export function batchProductionRecordXml(document: Document, copy: ElectronicCopy): Buffer {
  const { batch } = document;
  const consumptions = consumptionsOf(document.steps);
  const root = node(
    'BatchProductionRecord',
    [
      leaf('ID', `BPR-${batch.batchNumber}`),
      leaf('EntryID', batch.id),
      leaf('ObjectType', 'Batch Production Record'),
      leaf('TimeStamp', batch.createdAtUtc),
      leaf(
        'Description',
        `${batch.productName}, batch ${batch.batchNumber}${batch.training ? ' (training batch, not for release)' : ''}`,
      ),
      leaf('CreationDate', batch.createdAtUtc),
      leaf('BatchID', batch.batchNumber),
      leaf('EquipmentID', batch.terminalName),
      leaf('MaterialDefinitionID', batch.productCode),
      leaf('RecordStatus', batch.status),
      leaf('Version', `${document.recipe.code} ${document.recipe.versionLabel}`),
      changeHistory(document),
      comments(document),
      node('Events', [
        ...document.steps.flatMap((step) =>
          step.entries.map((entry) => entryEvent(step, entry, batch.terminalName)),
        ),
        ...consumptions.map(consumptionEvent),
      ]),
      structure(document),
      extension(document, copy),
    ],
    { xmlns: B2MML_NAMESPACE, 'xmlns:Extended': EXTENSIONS_NAMESPACE },
  );
  return Buffer.from(xmlDocument(root), 'utf8');
}
