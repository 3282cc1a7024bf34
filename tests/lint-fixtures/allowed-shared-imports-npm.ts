// Lint fixture, linted only by tests/unit/lint-boundaries.test.ts as if it lived at @virtual-path.
// MUST PASS: shared/ may import shared/ and runtime-neutral npm packages.
// @virtual-path shared/__lint_fixture__.ts
// @expect none
import canonicalize from 'canonicalize';
import { z } from 'zod';

import { errorCodes } from './errors';
import { roles } from './permissions';

export const roleSchema = z.enum(roles);
export const errorCodeSchema = z.enum(errorCodes);
export const canonical = (value: unknown): string | undefined => canonicalize(value);
