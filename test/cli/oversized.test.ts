/** `cm-interactive lint` of a message too complex to check in full: errors, exit 1 (not a pass with a warning). */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCliProcess } from '../helpers/cli';
import { example } from '../helpers/payloads';

const dir = mkdtempSync(join(tmpdir(), 'cm-oversized-'));

test('25,000 recipients and a deep message without from/to/body: lint exits 1 with MSG-LIMIT and the envelope errors', async () => {
  const payload = example('list');
  payload.messages.msg[0].to = Array.from({ length: 25_000 }, (_, i) => ({ number: `00316${String(i).padStart(8, '0')}` }));
  const many = join(dir, 'many.json');
  writeFileSync(many, JSON.stringify(payload, null, 1));
  const deep = join(dir, 'deep.json');
  writeFileSync(deep, `{"messages":{"msg":[{"x":${'{"a":'.repeat(30_000)}1${'}'.repeat(30_000)}}]}}`);
  const linted = await runCliProcess(['lint', '--format', 'json', many, deep]);
  assert.equal(linted.code, 1, linted.stderr);
  const codes = JSON.parse(linted.stdout).files.map((f: { diagnostics: { severity: string; code: string }[] }) => f.diagnostics.map((d) => `${d.severity} ${d.code}`));
  assert.deepEqual(codes, [
    ['error MSG-LIMIT', 'error ENV-MSG-MAX'],
    ['error MSG-LIMIT', 'error ENV-FROM', 'error ENV-TO', 'error ENV-BODY'],
  ]);
});
