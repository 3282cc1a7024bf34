import { batchStatusLabels, exceptionTypeLabels } from '../../../shared/batches/batch-status';
import { describeLimits, type AppliedLimits } from '../../../shared/batches/recorded-value';
import { stepDecimals } from '../../../shared/format/numbers';
import type { BatchEntryView, BatchStepView, BatchView } from '../../../shared/contract/batches';
import type { SignatureView } from '../../../shared/contract/signatures';
import { EbrError } from '../../../shared/errors';
import { meaningLabels } from '../../../shared/signatures';
import type { CliIo } from '../io';
import type { ParsedOptions } from '../options';
import { progressText } from './batch-list';
import { withRecipeServices } from './recipe-list';

/** 2026-11-02T08:00:00.000Z → "2026-11-02 08:00:00 UTC" */
function utcText(iso: string | null): string {
  return iso === null ? '—' : `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** A signature's time as the terminal showed it, with its zone, then UTC (P11-50a). */
function signedAtText(signature: SignatureView): string {
  let local: string;
  try {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone: signature.timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(new Date(signature.signedAtUtc));
    const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
    local = `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')} ${signature.timeZone}`;
  } catch {
    local = `(time zone ${signature.timeZone} unknown here)`;
  }
  const utc = utcText(signature.signedAtUtc);
  return /^(Etc\/)?(UTC|GMT|UCT|Zulu)$/.test(signature.timeZone) ? utc : `${local} (${utc})`;
}

function signatureLine(signature: SignatureView): string {
  const validity = signature.verification.valid
    ? 'valid'
    : `INVALID: ${signature.verification.problem ?? 'does not verify'}`;
  return `${meaningLabels[signature.meaning]} by ${signature.signerName} (${signature.signerUsername}), ${signedAtText(signature)}, terminal ${signature.terminalName} — ${validity}`;
}

/** The limits a step is held to: as recorded with its value, else as the recipe and plan set them. */
function limitsText(step: BatchStepView): string {
  const definition = step.definition;
  const recorded = step.current?.value;
  const applied = (limits: AppliedLimits, unit: string) =>
    describeLimits(limits, unit, stepDecimals(definition)) || '—';
  switch (definition.type) {
    case 'weighing':
      return applied(
        recorded?.type === 'weighing' ? recorded.limits : (step.weighing ?? {}),
        definition.unit,
      );
    case 'numeric':
    case 'measurement':
    case 'calculation':
      return applied(recorded && 'limits' in recorded ? recorded.limits : definition.limits, definition.unit);
    case 'timer':
      return describeLimits({ min: definition.minMinutes, max: definition.maxMinutes }, 'min') || '—';
    case 'scan':
      return definition.expected.code !== undefined
        ? `code ${definition.expected.code}`
        : `pattern ${definition.expected.pattern}`;
    default:
      return '—';
  }
}

function limitsVerdict(entry: BatchEntryView): string {
  if (entry.withinLimits === null) return '';
  return entry.withinLimits ? ', within limits' : ', OUT OF LIMITS';
}

function entryLines(entry: BatchEntryView): string[] {
  const lines = [
    `      ${entry.kind}${entry.superseded ? ' (superseded)' : ''}: ${entry.display} — origin ${entry.origin}${limitsVerdict(entry)}; entered by ${entry.enteredByName} ${utcText(entry.enteredAtUtc)}`,
  ];
  if (entry.reason) lines.push(`        reason: ${entry.reason}`);
  for (const signature of entry.signatures) lines.push(`        signed ${signatureLine(signature)}`);
  return lines;
}

function stepLines(step: BatchStepView, batch: BatchView): string[] {
  const definition = step.definition;
  const flags = [definition.critical ? 'critical' : '', step.changed ? 'changed since original entry' : '']
    .filter(Boolean)
    .join(', ');
  const owner = step.status === 'in-progress' && step.ownerName ? ` by ${step.ownerName}` : '';
  const lines = [
    `${String(step.position + 1).padStart(3)}. [${step.status}${owner}] ${definition.title} (${step.operationTitle}, ${definition.type}, ${step.id})${flags ? ` — ${flags}` : ''}`,
    `      value: ${step.current ? `${step.current.display} (origin ${step.current.origin})` : '—'}; limits: ${limitsText(step)}`,
  ];
  if (step.startedAtUtc || step.completedAtUtc)
    lines.push(`      started ${utcText(step.startedAtUtc)}; completed ${utcText(step.completedAtUtc)}`);
  for (const entry of step.entries) lines.push(...entryLines(entry));
  for (const comment of batch.comments.filter((candidate) => candidate.stepId === step.id))
    lines.push(`      comment by ${comment.authorName} ${utcText(comment.createdAtUtc)}: ${comment.text}`);
  return lines;
}

export function batchText(batch: BatchView): string[] {
  const lines = [
    `Batch ${batch.batchNumber} — ${batchStatusLabels[batch.status]}${batch.training ? ' — TRAINING BATCH, NOT A GMP RECORD' : ''}`,
    `  Product:    ${batch.productCode} ${batch.productName}`,
    `  Recipe:     ${batch.recipeCode} ${batch.recipeVersionLabel} ${batch.recipeName} (content SHA-256 ${batch.recipeContentHash})`,
    `  Planned:    ${batch.plannedQuantity} ${batch.plannedUnit}`,
    `  Terminal:   ${batch.terminalName}`,
    `  Created:    ${utcText(batch.createdAtUtc)} by ${batch.createdByName}`,
    `  Started:    ${utcText(batch.startedAtUtc)}`,
  ];
  if (batch.executionCompletedAtUtc)
    lines.push(`  Execution complete: ${utcText(batch.executionCompletedAtUtc)}`);
  if (batch.abortedAtUtc) lines.push(`  Aborted:    ${utcText(batch.abortedAtUtc)}`);
  lines.push(`  Progress:   ${progressText(batch)}; ${batch.openExceptions} open exceptions`, '', 'Steps');
  for (const step of batch.steps) lines.push(...stepLines(step, batch));
  lines.push('', `Exceptions (${batch.exceptions.length})`);
  if (batch.exceptions.length === 0) lines.push('  none');
  for (const exception of batch.exceptions) {
    const step = batch.steps.find((candidate) => candidate.id === exception.stepId);
    lines.push(
      `  [${exception.status}] ${exception.severity} · ${exceptionTypeLabels[exception.type]} · ${exception.handling} · step ${step ? step.position + 1 : '?'} ${exception.stepTitle}`,
      `      ${exception.description}`,
      `      raised by ${exception.raisedByName} ${utcText(exception.raisedAtUtc)}${exception.comment ? `; comment: ${exception.comment}` : ''}`,
    );
    for (const signature of exception.signatures) lines.push(`      signed ${signatureLine(signature)}`);
  }
  const batchComments = batch.comments.filter((comment) => comment.stepId === null);
  if (batchComments.length > 0) {
    lines.push('', 'Comments on the batch');
    for (const comment of batchComments)
      lines.push(`  ${comment.authorName} ${utcText(comment.createdAtUtc)}: ${comment.text}`);
  }
  lines.push('', 'Batch signatures');
  if (batch.signatures.length === 0) lines.push('  none');
  for (const signature of batch.signatures) lines.push(`  ${signatureLine(signature)}`);
  return lines;
}

/** `ebr batch show NUMBER`: the whole batch record as text for people, or `--json` (the full view). */
export async function batchShowCommand(options: ParsedOptions, io: CliIo, args: string[]): Promise<number> {
  const number = args[0]!.trim().toUpperCase();
  const batch = await withRecipeServices(options, (services) => {
    const summary = services.batches.list().find((candidate) => candidate.batchNumber === number);
    if (!summary)
      throw new EbrError(
        'NOT_FOUND',
        `There is no batch ${number} in this data folder (see ebr batch list).`,
      );
    return services.batches.get(summary.id);
  });
  if (options.json !== undefined) io.out(JSON.stringify(batch, null, 2));
  else for (const line of batchText(batch)) io.out(line);
  return 0;
}
