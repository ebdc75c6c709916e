/** The schema validators are generated from schemas/ at build time; the committed file is current. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { SCHEMA_VALIDATORS_FILE, schemaValidatorsCode } from '../../scripts/schema-validators.mjs';

test('shared/core/schema-validators.js is what the schemas generate (run `npm run build` after changing a schema)', () => {
  assert.ok(readFileSync(SCHEMA_VALIDATORS_FILE, 'utf8') === schemaValidatorsCode(), 'schema-validators.js is stale');
});
