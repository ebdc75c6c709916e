// The types of schema-validators.js, generated at build time by scripts/schema-validators.mjs.
import type { ValidateFunction } from 'ajv';

/** The request without its msg entries (they are checked one by one, and can be cached). */
export declare const envelope: ValidateFunction;
/** One `msg` entry. */
export declare const msg: ValidateFunction;
