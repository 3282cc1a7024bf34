import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RecipeVersionSummary } from '../../../shared/contract/recipes';
import type { SignatureView } from '../../../shared/contract/signatures';
import { EbrError } from '../../../shared/errors';
import type { Recipe } from '../../../shared/recipes/recipe-schema';
import { applicationVersion } from '../../core/app-version';
import { systemClock, toUtcIso } from '../../core/clock';
import { masterRecipeXml } from '../../core/recipes/batchml-recipe';
import { readSignedRecipeVersion } from '../../core/recipes/recipe-versions';
import { keyringOf } from '../../core/signatures/signature-verification';
import { formatFingerprint } from '../../core/terminal/terminal-key';
import type { CliIo } from '../io';
import { requireOption, type ParsedOptions } from '../options';
import { withRecipeServices } from './recipe-list';

export const RECIPE_EXPORT_FORMAT = 'ebr-recipe-export/1';

/** How anyone checks a package without this application; written into every package. */
export const RECIPE_EXPORT_VERIFICATION = [
  '1. "contentHash" is the SHA-256 (lowercase hex) of the RFC 8785 canonical JSON of "recipe". "recipe" is a complete ebr-recipe/1 file: `ebr recipe import` of this package (or of "recipe" saved alone) creates a new Draft version with this same contentHash, to be reviewed and approved again where it is imported.',
  '2. "signedRecord" is what each signature covers: the version\'s id in the source store, its code, versionLabel and contentHash. Its contentHash must equal "contentHash", its code and versionLabel those of recipe.header.',
  '3. Each entry of "signatures" names the signer, the meaning ("approved"), the time and the terminal; its contentHash must equal the SHA-256 of the canonical JSON of "signedRecord".',
  '4. The entry of "terminalSignatures" with the same signatureId holds the Ed25519 signature (base64) by the source terminal over the canonical JSON of {id, recordType: record.type, recordId: record.id, meaning, signerUserId, signerUsername, signerName, signedAtUtc, timeZone, terminalId, contentHash, keyId} of that signature — plus {statement, statementLanguage} when statementLanguage is not null (signatures that record the statement as the signer saw it and its language; older ones have null). Verify it with publicKeyPem; keyId is the SHA-256 of the raw 32-byte public key: compare it with the key fingerprint `ebr info` shows at the source terminal.',
];

export interface RecipeExportPackage {
  format: typeof RECIPE_EXPORT_FORMAT;
  /** The approved content as stored (a valid ebr-recipe/1 file). */
  recipe: Recipe;
  /** SHA-256 of the canonical JSON of `recipe`. */
  contentHash: string;
  /** The approval signatures, as the application shows them, verified at export. */
  signatures: SignatureView[];
  /** What each signature's contentHash is the hash of. */
  signedRecord: { id: string; code: string; versionLabel: string; contentHash: string };
  terminalSignatures: {
    signatureId: string;
    algorithm: 'Ed25519';
    keyId: string;
    publicKeyPem: string;
    signature: string;
  }[];
  version: RecipeVersionSummary;
  exportedAtUtc: string;
  exportedFrom: {
    terminalId: string;
    terminalName: string;
    keyFingerprint: string;
    applicationVersion: string;
  };
  verification: string[];
}

/**
 * `ebr recipe export CODE --version V --out FILE`: the approved content of one version with its
 * approval signatures, re-importable elsewhere and verifiable without this application. Only a
 * version approved by signature whose stored content still matches that signature is exported;
 * FILE is never overwritten.
 */
export async function recipeExportCommand(
  options: ParsedOptions,
  io: CliIo,
  [code]: string[],
): Promise<number> {
  const versionLabel = requireOption(options, 'version');
  const format = options.format ?? 'json';
  if (format !== 'json' && format !== 'batchml') {
    throw new EbrError('VALIDATION_FAILED', `--format is json or batchml, not ${JSON.stringify(format)}.`);
  }
  const out = resolve(requireOption(options, 'out'));
  if (existsSync(out))
    throw new EbrError(
      'CONFLICT',
      `${out} already exists; an export never overwrites a file. Choose another --out.`,
    );

  return withRecipeServices(options, (services) => {
    const { sqlite } = services.runtime.store;
    const id = sqlite
      .prepare('SELECT id FROM recipe_versions WHERE code = ? AND version_label = ?')
      .pluck()
      .get(code, versionLabel) as string | undefined;
    if (!id) {
      const labels = sqlite
        .prepare('SELECT version_label FROM recipe_versions WHERE code = ? ORDER BY rowid')
        .pluck()
        .all(code) as string[];
      throw new EbrError(
        'NOT_FOUND',
        labels.length === 0
          ? `There is no recipe ${code}.`
          : `${code} has no version ${versionLabel} (versions: ${labels.join(', ')}).`,
      );
    }
    const view = services.recipes.get(id);
    const approvals = view.signatures.filter((signature) => signature.meaning === 'approved');
    if (approvals.length === 0) {
      throw new EbrError(
        'CONFLICT',
        `${code} ${versionLabel} is ${view.status} and was never approved: only a version approved by signature can be exported.`,
        {
          status: view.status,
        },
      );
    }
    const invalid = approvals.filter((signature) => !signature.verification.valid);
    if (!view.contentIntact || invalid.length > 0) {
      io.err(
        `ebr recipe export: NOT EXPORTED: the stored content of ${code} ${versionLabel} no longer matches its approval.`,
      );
      if (!view.contentIntact) io.err(`The content no longer hashes to ${view.contentHash}.`);
      for (const signature of invalid)
        io.err(
          `INVALID SIGNATURE ${signature.id} by ${signature.signerName}: ${signature.verification.problem}`,
        );
      io.err('Run ebr verify-audit and call QA.');
      return 1;
    }

    const keys = keyringOf(services.runtime.trustedPublicKeys());
    const rawSignature = sqlite.prepare('SELECT signature FROM signatures WHERE id = ?').pluck();
    const { recipe, signatures: _all, contentIntact: _intact, ...version } = view;
    const terminal = services.runtime.terminal;
    const pkg: RecipeExportPackage = {
      format: RECIPE_EXPORT_FORMAT,
      recipe,
      contentHash: view.contentHash,
      signatures: approvals,
      signedRecord: readSignedRecipeVersion(sqlite, id)!,
      terminalSignatures: approvals.map((signature) => ({
        signatureId: signature.id,
        algorithm: 'Ed25519',
        keyId: signature.keyId,
        publicKeyPem: keys.get(signature.keyId)!,
        signature: rawSignature.get(signature.id) as string,
      })),
      version,
      exportedAtUtc: toUtcIso(systemClock.now()),
      exportedFrom: {
        terminalId: terminal.id,
        terminalName: terminal.name,
        keyFingerprint: formatFingerprint(terminal.key.fingerprint),
        applicationVersion,
      },
      verification: RECIPE_EXPORT_VERIFICATION,
    };
    try {
      // BatchML carries the approved content; the approval signatures travel in the JSON package.
      const bytes = format === 'batchml' ? masterRecipeXml(recipe) : JSON.stringify(pkg, null, 2) + '\n';
      writeFileSync(out, bytes, { flag: 'wx' });
    } catch (error) {
      const exists = (error as NodeJS.ErrnoException).code === 'EEXIST';
      throw new EbrError(
        exists ? 'CONFLICT' : 'VALIDATION_FAILED',
        exists
          ? `${out} already exists; an export never overwrites a file.`
          : `Cannot write ${out} (${(error as Error).message}).`,
      );
    }

    if (options.json !== undefined) {
      io.out(
        JSON.stringify(
          {
            file: out,
            code,
            versionLabel,
            status: view.status,
            contentHash: view.contentHash,
            format,
            signatures: approvals.length,
          },
          null,
          2,
        ),
      );
      return 0;
    }
    io.out(
      `Exported ${code} version ${versionLabel} (${view.status}) to ${out}${format === 'batchml' ? ' as a BatchML MasterRecipe' : ''}`,
    );
    io.out(`Content hash: ${view.contentHash}`);
    for (const signature of approvals) {
      io.out(
        `Approved by ${signature.signerName} (${signature.signerUsername}) at ${signature.signedAtUtc} on ${signature.terminalName}: signature valid`,
      );
    }
    io.out('');
    if (format === 'batchml') {
      io.out(
        'The file carries the approved content only: importing it gives a Draft with the content hash above.',
      );
    } else {
      io.out('How to verify the package (also written into it, under "verification"):');
      for (const step of RECIPE_EXPORT_VERIFICATION) io.out(`  ${step}`);
      io.out(`  Source terminal key fingerprint: ${pkg.exportedFrom.keyFingerprint}`);
    }
    io.out('');
    io.out(`To use it elsewhere: ebr recipe import ${out} --data-dir … --recovery-key-file … --as USER`);
    return 0;
  });
}
