/**
 * The library API (`import { validate } from 'cm-interactive'`) in-process, from its source:
 * what a back-end gets for good, bad and not-a-request input. The published package itself is
 * tested by test/cli/package.test.ts; the types by test/unit/payload-types.test.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RULES as CATALOGUE, ruleDocUrl } from '../../shared/core/catalogue';
import { validateText } from '../../shared/core/index';
import { RULES, validate, type CmRequest } from '../../shared/library';
import { example, I, KINDS, mutated } from '../helpers/payloads';

const tooLongTitle = () => mutated('reply-buttons', (i) => (i.action.buttons[0].reply.title = 'Yes, deliver it to me!!'));

test('every example is valid, given as an object or as its text', () => {
  for (const kind of KINDS) {
    for (const input of [example(kind), JSON.stringify(example(kind), null, 2)]) {
      const report = validate(input);
      assert.equal(report.valid, true, `${kind}: ${JSON.stringify(report.errors)}`);
      assert.deepEqual(report.errors, []);
      assert.deepEqual(report.warnings, []);
    }
  }
});

test('an object with an error: invalid, with the rule id, the JSON pointer, the message and the docs link', () => {
  const report = validate(tooLongTitle());
  assert.equal(report.valid, false);
  assert.deepEqual(report.errors, [{
    code: 'BTN-TITLE',
    severity: 'error',
    message: 'Button title is 23 characters; WhatsApp allows at most 20',
    pointer: `${I}/action/buttons/0/reply/title`,
    docsUrl: ruleDocUrl('BTN-TITLE'),
  }]);
  assert.deepEqual(report.problems, report.errors);
});

test('text: each problem also says where, 0-based like LSP and 1-based like a CLI', () => {
  const text = JSON.stringify(tooLongTitle(), null, 2);
  const [problem] = validate(text).errors;
  const [diagnostic] = validateText(text).diagnostics;
  assert.deepEqual(problem.range, diagnostic.range);
  assert.equal(problem.line, diagnostic.range.start.line + 1);
  assert.equal(problem.column, diagnostic.range.start.character + 1);
  assert.equal(text.split('\n')[problem.line! - 1].slice(problem.column! - 1).startsWith('"Yes, deliver it to me!!"'), true);
});

test('warnings and advice do not make a request invalid; each list holds its own severity', () => {
  const payload = mutated('flow', (i, p) => {
    delete i.action.parameters.flow_token; // FLOW-TOKEN: information
    p.messages.msg[0].to[0].number = '+31 6 12345678'; // ENV-NUMBER: warning
  });
  const report = validate(payload);
  assert.equal(report.valid, true);
  assert.deepEqual(report.warnings.map((p) => p.code), ['ENV-NUMBER']);
  assert.deepEqual(report.problems.map((p) => p.code).sort(), ['ENV-NUMBER', 'FLOW-TOKEN']);
  assert.ok(report.problems.every((p) => p.docsUrl === ruleDocUrl(p.code)));
});

test('what is not a request is invalid, never thrown: no "messages", not an object, not JSON', () => {
  for (const input of ['{}', '[]', '42', '""', {} as CmRequest, [] as unknown as CmRequest, null as unknown as CmRequest]) {
    const report = validate(input);
    assert.equal(report.valid, false, JSON.stringify(input));
    assert.deepEqual(report.errors.map((p) => [p.code, p.pointer]), [['ENV-MSG', '']]);
    assert.match(report.errors[0].message, /Not a CM request/);
  }
  for (const input of ['{', 'not json', '{"a": 1,}', '']) {
    const report = validate(input);
    assert.equal(report.valid, false, input);
    assert.ok(report.errors.length > 0 && report.errors.every((p) => p.code === 'JSON-SYNTAX' && p.line !== undefined), input);
  }
  // Text that is a request with a syntax error: the syntax error, and the rest still checked.
  const broken = JSON.stringify(tooLongTitle(), null, 2).replace('"allowedChannels"', '// a comment\n"allowedChannels"');
  assert.deepEqual(validate(broken).errors.map((p) => p.code), ['JSON-SYNTAX', 'BTN-TITLE']);
});

test('a product token written in the payload is warned about and never repeated in a message', () => {
  const token = '0a1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d';
  const payload = mutated('list', (_i, p) => {
    p.messages.authentication = { productToken: token };
    p.messages.msg[0].from = token; // quoted by ENV-FROM's message
  });
  const report = validate(payload);
  assert.ok(report.warnings.some((p) => p.code === 'ENV-TOKEN-IN-FILE'));
  assert.ok(report.errors.some((p) => p.code === 'ENV-FROM'));
  assert.ok(report.problems.every((p) => !p.message.includes(token)), JSON.stringify(report.problems));
});

test('input that cannot be JSON is invalid, with a problem that says so (the README: never thrown)', () => {
  const cyclic: Record<string, unknown> = { messages: {} };
  cyclic.self = cyclic;
  const report = validate(cyclic as CmRequest);
  assert.equal(report.valid, false);
  assert.deepEqual(report.errors.map((p) => p.code), ['ENV-MSG']);
  assert.match(report.errors[0].message, /cannot be written as JSON/);
  const bigint = validate({ messages: { msg: [], n: 1n } } as unknown as CmRequest);
  assert.equal(bigint.valid, false);
  assert.match(bigint.errors[0].message, /cannot be written as JSON: it cannot be serialized \(.*BigInt/);
});

test('RULES is the rule catalogue', () => {
  assert.equal(RULES, CATALOGUE);
  assert.equal(RULES['BTN-TITLE'].severity, 'error');
});

test('input that cannot be made into JSON text is invalid, never thrown: a cycle, 5,000 levels deep, bytes that are not UTF-8', () => {
  const cyclic: any = example('list');
  cyclic.messages.msg[0].self = cyclic;
  let deep: any = {};
  for (let i = 0; i < 5_000; i++) deep = { a: deep };
  const nested = { messages: { msg: [deep] } } as unknown as CmRequest;
  for (const [input, message] of [
    [cyclic, /^The payload cannot be written as JSON: it refers to itself/],
    [nested, /^The payload cannot be written as JSON: it nests objects and arrays too deeply/],
    [Uint8Array.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]), /^The bytes are not UTF-8 text/],
  ] as const) {
    const report = validate(input);
    assert.equal(report.valid, false);
    assert.equal(report.errors.length, 1);
    assert.match(report.errors[0].message, message);
    assert.deepEqual(report.problems, report.errors);
  }
});

test('the bytes of a file (fs.readFileSync without an encoding) are its UTF-8 text, a BOM skipped', () => {
  const text = JSON.stringify(tooLongTitle(), null, 2);
  const fromText = validate(text);
  assert.equal(fromText.valid, false);
  assert.deepEqual(validate(Buffer.from(text)), fromText);
  assert.deepEqual(validate(new Uint8Array(Buffer.from(text))), fromText);
  assert.deepEqual(validate(Buffer.from('\ufeff' + text)), validate('\ufeff' + text));
  assert.equal(validate(Buffer.from(JSON.stringify(example('list')))).valid, true);
});

test('every problem is listed, however many: the 1,000-problem cap (PROBLEM-LIMIT) is the editor\'s, and its rule says so', () => {
  const payload = example('list');
  const recipients = Array.from({ length: 700 }, () => ({ number: 5 }));
  payload.messages.msg = [{ ...payload.messages.msg[0], to: recipients }, { ...payload.messages.msg[0], to: recipients }];
  for (const input of [payload, JSON.stringify(payload)]) {
    const report = validate(input);
    assert.equal(report.errors.filter((p) => p.code === 'ENV-TO').length, 1_400);
    assert.equal(report.problems.some((p) => p.code === 'PROBLEM-LIMIT'), false);
  }
  assert.match(RULES['PROBLEM-LIMIT'].summary, /^In the editor .* `cm-interactive lint` and the library's `validate\(\)` list every problem\.$/);
});
