/**
 * zod compiles object parsers with `new Function` when it can, and probes for that ability on first
 * use. Our CSP forbids eval (script-src 'self'), so the probe would be blocked and reported as a CSP
 * violation on every page: tell zod up front not to try.
 */
import { z } from 'zod';

z.config({ jitless: true });
