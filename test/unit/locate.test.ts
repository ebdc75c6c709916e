/** JsonDocument.locate, the one way to find nodes by path: by scan or by tree, the same answers. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rangeOfPointer } from '../../client/src/preview/document-model';
import { JsonDocument, type JsonPath } from '../../shared/core/json-document';
import { skipValue } from '../../shared/core/offset-locator';

const text = '\uFEFF{\n  "messages": { "msg": [ { "to": [ { "number": "0031" } ] } ] }\n}';
const paths: JsonPath[] = [['messages', 'msg', 0, 'to', 0, 'number'], ['messages', 'msg', 0, 'from'], ['messages'], []];

test('the scan and the tree locate the same values, keys and existence', () => {
  const strip = (located: ReturnType<JsonDocument['locate']>) => located.map(({ outer: _outer, ...rest }) => rest);
  assert.deepEqual(strip(JsonDocument.trusted(text).locate(paths, true)), JsonDocument.trusted(text).locate(paths));
  const [number, from] = JsonDocument.trusted(text).locate(paths, true);
  assert.equal(text.slice(number.value.offset, number.value.offset + number.value.length), '"0031"');
  assert.equal(from.exact, false);
  assert.equal(text.charAt(from.value.offset), '{', 'a missing property: its nearest ancestor');
  assert.equal(text.charAt(number.outer!.offset), '{', 'outer: the object that holds the property');
});

test("the preview's pointer → range: the node, its nearest ancestor, nothing in no JSON at all", () => {
  const half = '{ "messages": { "msg": [ { "to": [ { "number": "0031" ';
  const range = rangeOfPointer(half, '/messages/msg/0/to/0/number');
  assert.ok(range);
  assert.equal(half.slice(range.offset, range.offset + range.length), '"0031"');
  assert.equal(half.charAt(rangeOfPointer(half, '/messages/msg/0/from')!.offset), '{');
  assert.equal(rangeOfPointer('', '/messages'), undefined);
});

test('skipValue: a container ends at its bracket outside strings, or the text ends first', () => {
  const skipped: [string, string][] = [
    [String.raw`{"a": "}", "b": [1, {"c": "\\"}]} tail`, String.raw`{"a": "}", "b": [1, {"c": "\\"}]}`],
    [String.raw`["\"]", "]"] tail`, String.raw`["\"]", "]"]`],
    [String.raw`{"a": "\\\\"} tail`, String.raw`{"a": "\\\\"}`],
    [String.raw`{"a": "\"} tail`, String.raw`{"a": "\"} tail`],
    ['[[], {} tail', '[[], {} tail'],
  ];
  for (const [json, value] of skipped) assert.equal(json.slice(0, skipValue(json, 0)), value, json);
  // Millions of strings with no bracket between them overflow the regex engine's backtracking
  // stack; such a text is skipped string by string instead, with the same answer.
  const strings = '[' + '"a",'.repeat(5_000_000) + '"b"] tail';
  assert.equal(skipValue(strings, 0), strings.length - ' tail'.length);
});
