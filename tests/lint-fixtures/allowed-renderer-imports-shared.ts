// Lint fixture, linted only by tests/unit/lint-boundaries.test.ts as if it lived at @virtual-path.
// MUST PASS: renderer/ may import shared/, its own files and npm packages.
// @virtual-path renderer/src/__lint_fixture__.ts
// @expect none
import { useState } from 'react';

import { EbrError } from '../../shared/errors';
import { rolesGrant, type Role } from '../../shared/permissions';
import * as time from './format/time';

export function useCanReadAudit(roles: readonly Role[]): boolean {
  const [granted] = useState(() => rolesGrant(roles, 'audit.read'));
  return granted;
}

export const isEbrError = (error: unknown): error is EbrError => error instanceof EbrError;
export const formats = time;
