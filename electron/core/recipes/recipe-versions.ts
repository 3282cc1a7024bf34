import { createHash, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { canonicalJson } from '../../../shared/canonical-json';
import type { RecipeStatus, RecipeVersionSummary, RecipeVersionView } from '../../../shared/contract/recipes';
import type { SignerCredentials } from '../../../shared/contract/signatures';
import { EbrError } from '../../../shared/errors';
import type { Recipe } from '../../../shared/recipes/recipe-schema';
import type { AuditActor, AuditRecorder, AuditTrail } from '../audit/audit-trail';
import { toUtcIso, type Clock } from '../clock';
import type { SessionRecord } from '../identity/sessions';
import { namedQualifications } from '../../../shared/recipes/recipe-qualifications';
import type { QualificationStandings } from '../qualification/qualification-standings';
import type { SignatureService } from '../signatures/signature-service';
import { parseRecipeFile } from './recipe-file';

export const RECIPE_VERSION_RECORD = 'recipe-version';

type Record = AuditRecorder['record'];

interface StoredVersion {
  id: string;
  code: string;
  versionLabel: string;
  name: string;
  productCode: string;
  productName: string;
  status: RecipeStatus;
  content: string;
  contentHash: string;
  sourceFileName: string;
  authorUserId: string;
  authorName: string;
  importedAtUtc: string;
  submittedAtUtc: string | null;
  approvedAtUtc: string | null;
  effectiveFromUtc: string | null;
  supersededAtUtc: string | null;
  retiredAtUtc: string | null;
  rejectedAtUtc: string | null;
}

const columns = `id, code, version_label AS versionLabel, name, product_code AS productCode, product_name AS productName,
  status, content, content_hash AS contentHash, source_file_name AS sourceFileName, author_user_id AS authorUserId,
  author_name AS authorName, imported_at_utc AS importedAtUtc, submitted_at_utc AS submittedAtUtc,
  approved_at_utc AS approvedAtUtc, effective_from_utc AS effectiveFromUtc, superseded_at_utc AS supersededAtUtc,
  retired_at_utc AS retiredAtUtc, rejected_at_utc AS rejectedAtUtc`;

/** Timestamp column set by each status a version moves into. */
const statusTimestamp: Partial<{ [S in RecipeStatus]: string }> = {
  'in-review': 'submitted_at_utc',
  approved: 'approved_at_utc',
  rejected: 'rejected_at_utc',
  superseded: 'superseded_at_utc',
  retired: 'retired_at_utc',
};

/** Which lifecycle moves are allowed from which status (P11-10f). */
const allowedFrom = {
  submit: ['draft'],
  approve: ['in-review'],
  reject: ['in-review'],
  'make effective': ['approved'],
  retire: ['approved', 'effective'],
} satisfies { [move: string]: RecipeStatus[] };

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function readVersion(sqlite: Database.Database, id: string): StoredVersion | null {
  return (
    (sqlite.prepare(`SELECT ${columns} FROM recipe_versions WHERE id = ?`).get(id) as
      StoredVersion | undefined) ?? null
  );
}

/**
 * What a recipe signature covers: the version's identity and the hash of its content, recomputed
 * from the stored content, so any later change to that content breaks the signature (P11-70).
 */
export function readSignedRecipeVersion(sqlite: Database.Database, id: string) {
  const version = readVersion(sqlite, id);
  if (!version) return undefined;
  return {
    id: version.id,
    code: version.code,
    versionLabel: version.versionLabel,
    contentHash: sha256(version.content),
  };
}

export interface RecipeVersionsDeps {
  sqlite: Database.Database;
  audit: AuditTrail;
  signatures: SignatureService;
  clock: Clock;
  /** The training register: approval checks the qualification codes a recipe names against it. */
  standings?: QualificationStandings;
}

/**
 * Master recipe versions: import as Draft → submit for review → approve (QA signature, never the
 * author) or reject → make effective (now or from a date; the previous effective version is
 * superseded) → retire. Content is immutable and hashed from import on.
 */
export class RecipeVersions {
  constructor(private readonly deps: RecipeVersionsDeps) {}

  private require(id: string): StoredVersion {
    const version = readVersion(this.deps.sqlite, id);
    if (!version) throw new EbrError('NOT_FOUND', 'There is no such recipe version.');
    return version;
  }

  private assertTransition(version: StoredVersion, move: keyof typeof allowedFrom): void {
    const from: readonly RecipeStatus[] = allowedFrom[move];
    if (!from.includes(version.status)) {
      throw new EbrError(
        'CONFLICT',
        `${version.code} ${version.versionLabel} is ${version.status}: "${move}" is allowed only from ${from.join(' or ')}.`,
        { status: version.status },
      );
    }
  }

  private moveTo(version: StoredVersion, status: RecipeStatus, reason: string, record: Record): void {
    const column = statusTimestamp[status];
    const nowUtc = toUtcIso(this.deps.clock.now());
    if (column)
      this.deps.sqlite
        .prepare(`UPDATE recipe_versions SET status = ?, ${column} = ? WHERE id = ?`)
        .run(status, nowUtc, version.id);
    else
      this.deps.sqlite.prepare('UPDATE recipe_versions SET status = ? WHERE id = ?').run(status, version.id);
    record({
      action: `recipe.${status}`,
      entityType: 'recipe',
      entityId: version.id,
      oldValue: { status: version.status },
      newValue: { status },
      reason,
    });
  }

  private summary(version: StoredVersion): RecipeVersionSummary {
    const recipe = JSON.parse(version.content) as Recipe;
    return {
      id: version.id,
      code: version.code,
      versionLabel: version.versionLabel,
      name: version.name,
      product: { code: version.productCode, name: version.productName },
      status: version.status,
      contentHash: version.contentHash,
      authorUserId: version.authorUserId,
      authorName: version.authorName,
      importedAtUtc: version.importedAtUtc,
      submittedAtUtc: version.submittedAtUtc,
      approvedAtUtc: version.approvedAtUtc,
      effectiveFromUtc: version.effectiveFromUtc,
      supersededAtUtc: version.supersededAtUtc,
      retiredAtUtc: version.retiredAtUtc,
      rejectedAtUtc: version.rejectedAtUtc,
      stepCount: recipe.procedure.operations.reduce((count, operation) => count + operation.steps.length, 0),
    };
  }

  list(): RecipeVersionSummary[] {
    this.activateDue();
    const rows = this.deps.sqlite
      .prepare(`SELECT ${columns} FROM recipe_versions ORDER BY code, imported_at_utc DESC, rowid DESC`)
      .all() as StoredVersion[];
    return rows.map((row) => this.summary(row));
  }

  get(id: string): RecipeVersionView {
    this.activateDue();
    const version = this.require(id);
    return {
      ...this.summary(version),
      recipe: JSON.parse(version.content) as Recipe,
      contentIntact: sha256(version.content) === version.contentHash,
      signatures: this.deps.signatures.listFor({ type: RECIPE_VERSION_RECORD, id }),
    };
  }

  import(
    actor: AuditActor & { userId: string; userName: string },
    fileName: string,
    bytes: Uint8Array,
  ): RecipeVersionView {
    const parsed = parseRecipeFile(bytes);
    if (!parsed.ok) {
      const shown = parsed.problems
        .slice(0, 5)
        .map((problem) => (problem.path ? `${problem.path}: ${problem.message}` : problem.message));
      const count = parsed.problems.length;
      throw new EbrError(
        'VALIDATION_FAILED',
        `${fileName} is not a valid recipe (${count} problem${count === 1 ? '' : 's'}): ${shown.join('; ')}`,
        {
          problems: parsed.problems,
        },
      );
    }
    const { header } = parsed.recipe;
    if (
      this.deps.sqlite
        .prepare('SELECT 1 FROM recipe_versions WHERE code = ? AND version_label = ?')
        .get(header.code, header.versionLabel)
    ) {
      throw new EbrError(
        'CONFLICT',
        `${header.code} version ${header.versionLabel} already exists; give the new file another version label.`,
      );
    }
    const content = canonicalJson(parsed.recipe);
    const contentHash = sha256(content);
    const id = randomUUID();
    this.deps.audit.change(actor, ({ record }) => {
      this.deps.sqlite
        .prepare(
          `INSERT INTO recipe_versions (id, code, version_label, name, product_code, product_name, status, content, content_hash, source_file_name, author_user_id, author_name, imported_at_utc)
           VALUES (?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          header.code,
          header.versionLabel,
          header.name,
          header.product.code,
          header.product.name,
          content,
          contentHash,
          fileName,
          actor.userId,
          actor.userName,
          toUtcIso(this.deps.clock.now()),
        );
      record({
        action: 'recipe.imported',
        entityType: 'recipe',
        entityId: id,
        newValue: {
          code: header.code,
          versionLabel: header.versionLabel,
          contentHash,
          fileName,
          status: 'draft',
        },
        reason: `Imported from ${fileName}`,
      });
    });
    return this.get(id);
  }

  submit(actor: AuditActor, id: string, reason: string): RecipeVersionView {
    const version = this.require(id);
    this.assertTransition(version, 'submit');
    this.deps.audit.change(actor, ({ record }) => this.moveTo(version, 'in-review', reason, record));
    return this.get(id);
  }

  /** QA signs "approved" over the content hash; the author may not approve their own recipe. */
  async approve(
    session: SessionRecord,
    id: string,
    credentials: SignerCredentials,
    comment: string,
  ): Promise<RecipeVersionView> {
    return this.decide(session, id, credentials, comment, 'approved');
  }

  async reject(
    session: SessionRecord,
    id: string,
    credentials: SignerCredentials,
    reason: string,
  ): Promise<RecipeVersionView> {
    return this.decide(session, id, credentials, reason, 'rejected');
  }

  private async decide(
    session: SessionRecord,
    id: string,
    credentials: SignerCredentials,
    reason: string,
    decision: 'approved' | 'rejected',
  ): Promise<RecipeVersionView> {
    const move = decision === 'approved' ? 'approve' : 'reject';
    this.assertTransition(this.require(id), move);
    const version = this.require(id);
    if (decision === 'approved') this.assertQualificationsKnown(version);
    const signer = await this.deps.signatures.authenticate(session, credentials, decision, {
      distinctFrom: decision === 'approved' ? [{ userId: version.authorUserId, role: 'author' }] : [],
    });
    // Re-read after the password check: another window may have moved the version meanwhile.
    const current = this.require(id);
    this.assertTransition(current, move);
    this.deps.audit.change({ userId: signer.userId, userName: signer.fullName }, ({ record }) => {
      this.moveTo(current, decision, reason, record);
      this.deps.signatures.signWithin(
        record,
        signer,
        { type: RECIPE_VERSION_RECORD, id },
        readSignedRecipeVersion(this.deps.sqlite, id),
        decision,
      );
    });
    return this.get(id);
  }

  /**
   * A recipe file is portable and may name qualifications of another site; the register is known
   * here, so approval (not import) refuses codes it does not hold, each with its path.
   */
  private assertQualificationsKnown(version: StoredVersion): void {
    if (!this.deps.standings) return;
    const named = namedQualifications(JSON.parse(version.content) as Recipe);
    const unknown = new Set(this.deps.standings.unknownCodes(named.map((entry) => entry.code)));
    const problems = named
      .filter((entry) => unknown.has(entry.code))
      .map((entry) => ({
        path: entry.path,
        message: `the qualification ${entry.code} is not in the training register`,
      }));
    if (problems.length === 0) return;
    throw new EbrError(
      'VALIDATION_FAILED',
      `${version.code} ${version.versionLabel} names qualifications the training register does not hold — register them first: ${problems
        .slice(0, 5)
        .map((problem) => `${problem.path}: ${problem.message}`)
        .join('; ')}`,
      { problems },
    );
  }

  /** Effective now (the previous effective version is superseded) or from a later date. */
  makeEffective(
    actor: AuditActor,
    id: string,
    effectiveFromUtc: string | undefined,
    reason: string,
  ): RecipeVersionView {
    // A schedule that has come takes effect first, so that this later decision is the one that stands.
    this.activateDue();
    const version = this.require(id);
    this.assertTransition(version, 'make effective');
    if (version.effectiveFromUtc) {
      throw new EbrError(
        'CONFLICT',
        `${version.code} ${version.versionLabel} is already scheduled to become effective on ${version.effectiveFromUtc}.`,
        {
          status: version.status,
          effectiveFromUtc: version.effectiveFromUtc,
        },
      );
    }
    // Dates are compared as text (here and in activateDue): store them in the one form toUtcIso
    // writes, so "…T08:00:00Z" is due at 08:00:00.000, not a second later.
    const nowMs = this.deps.clock.now();
    const requestedMs = effectiveFromUtc === undefined ? undefined : Date.parse(effectiveFromUtc);
    if (requestedMs !== undefined && !Number.isFinite(requestedMs)) {
      throw new EbrError('VALIDATION_FAILED', `${effectiveFromUtc} is not a date and time.`);
    }
    const nowUtc = toUtcIso(nowMs);
    const from = requestedMs !== undefined && requestedMs > nowMs ? toUtcIso(requestedMs) : nowUtc;
    this.deps.audit.change(actor, ({ record }) => {
      this.deps.sqlite
        .prepare('UPDATE recipe_versions SET effective_from_utc = ? WHERE id = ?')
        .run(from, id);
      record({
        action: 'recipe.effective-scheduled',
        entityType: 'recipe',
        entityId: id,
        newValue: { effectiveFromUtc: from },
        reason,
      });
      if (from <= nowUtc) this.activate({ ...version, effectiveFromUtc: from }, reason, record);
    });
    return this.get(id);
  }

  retire(actor: AuditActor, id: string, reason: string): RecipeVersionView {
    this.activateDue();
    const version = this.require(id);
    this.assertTransition(version, 'retire');
    this.deps.audit.change(actor, ({ record }) => this.moveTo(version, 'retired', reason, record));
    return this.get(id);
  }

  /** The version a batch of this recipe starts from: the one effective now (only that one). */
  effectiveVersion(code: string): RecipeVersionView | null {
    this.activateDue();
    const id = this.deps.sqlite
      .prepare("SELECT id FROM recipe_versions WHERE code = ? AND status = 'effective'")
      .pluck()
      .get(code) as string | undefined;
    return id ? this.get(id) : null;
  }

  private activate(version: StoredVersion, reason: string, record: Record): void {
    const previous = this.deps.sqlite
      .prepare(`SELECT ${columns} FROM recipe_versions WHERE code = ? AND status = 'effective' AND id <> ?`)
      .all(version.code, version.id) as StoredVersion[];
    for (const old of previous)
      this.moveTo(old, 'superseded', `Superseded by version ${version.versionLabel}`, record);
    this.moveTo(version, 'effective', reason, record);
  }

  /** Versions scheduled for a date that has come become effective (audited, by the system). */
  activateDue(): void {
    const nowUtc = toUtcIso(this.deps.clock.now());
    const due = this.deps.sqlite
      .prepare(
        `SELECT ${columns} FROM recipe_versions WHERE status = 'approved' AND effective_from_utc IS NOT NULL AND effective_from_utc <= ? ORDER BY effective_from_utc`,
      )
      .all(nowUtc) as StoredVersion[];
    for (const version of due) {
      this.deps.audit.change({ userId: null, userName: null }, ({ record }) =>
        this.activate(version, `Scheduled effective date ${version.effectiveFromUtc} reached`, record),
      );
    }
  }
}
