// The other half of the circle in tests/lint-fixtures/core-import-circle.ts: it imports the real
// electron/core/clock.ts, which that fixture pretends to be. Not a fixture itself (not linted alone).
import { systemClock } from '../../../electron/core/clock';

export const clockSeenFromTheCircle = systemClock;
