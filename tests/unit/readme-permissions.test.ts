import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { permissionTableMarkdown } from '../helpers/permission-table';

describe('README', () => {
  it('prints the permission table exactly as shared/permissions.ts defines it', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(permissionTableMarkdown());
  });
});
