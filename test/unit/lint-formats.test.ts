/** The escaping of GitHub workflow commands, as the Actions runner unescapes them. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeData, escapeProperty } from '../../cli/src/lint/github';

test('data: %, CR and LF are escaped (a message cannot end the command or start a new one)', () => {
  assert.equal(escapeData('100% sure\r\n::error::injected'), '100%25 sure%0D%0A::error::injected');
});

test('properties: also : and , (a file name cannot add or override a property)', () => {
  assert.equal(escapeProperty('a,line=1:b%.json'), 'a%2Cline=1%3Ab%25.json');
});
