/** docs/rules.md is generated from the catalogue, complete, and the docs stand alone. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { RULES, ruleDocUrl, type RuleId } from '../../shared/core/catalogue';
import { rulesMarkdown } from '../../shared/core/rules-doc';
import { ROOT } from '../helpers/payloads';

const committed = readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8');

test('docs/rules.md is what the catalogue generates (run `npm run docs` after changing a rule)', () => {
  assert.equal(committed, rulesMarkdown());
});

test('every rule id has its own entry with severity, limit and source, and its link lands on it', () => {
  for (const id of Object.keys(RULES) as RuleId[]) {
    const entry = new RegExp(`^### ${id}\\n\\n.+\\n\\n- Severity: \\*\\*${RULES[id].severity}\\*\\*\\n- Limit: .+\\n- Source: .+$`, 'm');
    assert.match(committed, entry, id);
    // GitHub's anchor for "### BTN-TITLE" is #btn-title.
    assert.ok(ruleDocUrl(id).endsWith(`/docs/rules.md#${id.toLowerCase()}`));
  }
});

test('the README and the docs cite nothing outside the repository', () => {
  for (const file of ['README.md', 'docs/rules.md', 'CHANGELOG.md']) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    assert.doesNotMatch(text, /shared reference|\.\.\/shared|SPEC\.md|PERFORMANCE\.md/, file);
  }
});
