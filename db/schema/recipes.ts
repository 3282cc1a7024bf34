import { sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, utc } from './columns';

/**
 * Master recipe versions. The content (canonical JSON) and its SHA-256 never change after import
 * (a trigger refuses it); only the lifecycle status moves, each move audited with its reason.
 */
export const recipeVersions = sqliteTable(
  'recipe_versions',
  {
    id: id(),
    code: text('code').notNull(),
    versionLabel: text('version_label').notNull(),
    name: text('name').notNull(),
    productCode: text('product_code').notNull(),
    productName: text('product_name').notNull(),
    status: text('status', {
      enum: ['draft', 'in-review', 'approved', 'effective', 'superseded', 'retired', 'rejected'],
    }).notNull(),
    content: text('content').notNull(),
    contentHash: text('content_hash').notNull(),
    sourceFileName: text('source_file_name').notNull(),
    authorUserId: text('author_user_id').notNull(),
    authorName: text('author_name').notNull(),
    importedAtUtc: utc('imported_at_utc'),
    submittedAtUtc: text('submitted_at_utc'),
    approvedAtUtc: text('approved_at_utc'),
    effectiveFromUtc: text('effective_from_utc'),
    supersededAtUtc: text('superseded_at_utc'),
    retiredAtUtc: text('retired_at_utc'),
    rejectedAtUtc: text('rejected_at_utc'),
  },
  (table) => [uniqueIndex('recipe_versions_code_version').on(table.code, table.versionLabel)],
);
