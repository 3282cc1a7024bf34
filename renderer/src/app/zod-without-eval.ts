import { z } from 'zod';

/**
 * Imported first by main.tsx, before any shared schema is built: zod's JIT would otherwise probe
 * `new Function`, which the CSP forbids (`script-src 'self'`, no 'unsafe-eval') and reports as a
 * violation even though zod catches it. Forms parse small inputs; the interpreter is plenty.
 */
z.config({ jitless: true });
