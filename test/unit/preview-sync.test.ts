/**
 * The preview's pairing of text and diagnostics (client/src/preview/preview-sync.ts): one parse
 * per document version, each version shown only with the diagnostics the server published for
 * that version, throttled while typing, never stuck waiting for a server that does not answer.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DiagnosticsFeed, fromLsp, type PublishParams } from '../../client/src/preview/diagnostics-feed';
import { parseForPreview } from '../../client/src/preview/document-model';
import { DIAGNOSTICS_WAIT_MS, PreviewSync, THROTTLE_MS, type PreviewUpdate } from '../../client/src/preview/preview-sync';
import { FakeClock } from '../helpers/fake-clock';

const URI = 'file:///work/list.json';

/** A document being typed into, the server's feed, and what the preview was sent. */
function setup() {
  const clock = new FakeClock();
  const feed = new DiagnosticsFeed();
  const document = { version: 1, text: '{"messages": {"msg": []}}', getText: () => document.text };
  const posts: PreviewUpdate[] = [];
  let parses = 0;
  const sync = new PreviewSync(
    { document: () => document, diagnostics: () => feed.get(URI), post: (update) => posts.push(update) },
    clock,
    (text) => {
      parses++;
      return parseForPreview(text);
    },
  );
  feed.onDidPublish((uri) => uri === URI && sync.diagnosticsPublished());
  const type = (text: string) => {
    document.version++;
    document.text = text;
    sync.textChanged();
  };
  const publish = (version: number | undefined, codes: string[]) =>
    feed.publish({ uri: URI, version, diagnostics: codes.map((code) => lsp(code)) });
  return { clock, feed, document, posts, sync, type, publish, parses: () => parses };
}

function lsp(code: string, extra: Partial<PublishParams['diagnostics'][number]> = {}): PublishParams['diagnostics'][number] {
  return { severity: 1, code, source: 'cm-interactive', message: `${code} message`, data: { path: '/messages/msg/0' }, ...extra };
}

const codes = (update: PreviewUpdate) => update.diagnostics?.map((d) => d.code);
const text = (n: number) => JSON.stringify({ messages: { msg: [{ n }] } });

describe('PreviewSync pairs each version with its own diagnostics', () => {
  test('one parse per version, however many diagnostics, theme and reload events come for it', () => {
    const s = setup();
    s.publish(1, ['A']);
    s.sync.refresh();
    s.clock.advance(0);
    s.publish(1, ['A', 'B']); // the settings changed: the same version checked again
    s.clock.advance(THROTTLE_MS);
    s.sync.refresh(); // the theme changed
    s.clock.advance(0);
    assert.equal(s.parses(), 1);
    assert.deepEqual(s.posts.map((p) => [p.version, codes(p)]), [[1, ['A']], [1, ['A', 'B']], [1, ['A', 'B']]]);
  });

  test('a list published for an older version is never posted with the newer text; the newer text waits, then shows unchecked', () => {
    const s = setup();
    s.publish(1, ['OLD']);
    s.sync.refresh();
    s.clock.advance(0);
    s.type(text(2));
    s.clock.advance(THROTTLE_MS);
    s.publish(1, ['OLD']); // late, or sent again: still version 1's
    s.clock.advance(DIAGNOSTICS_WAIT_MS / 2);
    assert.equal(s.posts.length, 1, 'waits for version 2’s diagnostics');
    s.clock.advance(DIAGNOSTICS_WAIT_MS);
    assert.equal(s.posts.length, 2);
    assert.deepEqual(s.posts[1], { epoch: 0, version: 2, value: { messages: { msg: [{ n: 2 }] } }, syntaxError: undefined, diagnostics: undefined });
    s.publish(2, ['NEW']);
    s.clock.advance(THROTTLE_MS);
    assert.deepEqual(s.posts.map((p) => [p.version, codes(p)]), [[1, ['OLD']], [2, undefined], [2, ['NEW']]]);
    assert.equal(s.parses(), 2);
  });

  test('its own diagnostics arriving ends the wait at once', () => {
    const s = setup();
    s.publish(1, []);
    s.sync.refresh();
    s.clock.advance(0);
    s.clock.advance(1000);
    s.type(text(2));
    s.clock.advance(1);
    assert.equal(s.posts.length, 1);
    s.publish(2, ['X']);
    s.clock.advance(0);
    assert.deepEqual(s.posts.map((p) => [p.version, codes(p)]), [[1, []], [2, ['X']]]);
  });

  test('typing is throttled: one update per THROTTLE_MS, the last version always shown', () => {
    const s = setup();
    s.publish(1, []);
    s.sync.refresh();
    s.clock.advance(0);
    for (let i = 2; i <= 21; i++) {
      s.type(text(i));
      s.publish(i, []); // a fast server
      s.clock.advance(5);
    }
    s.clock.advance(THROTTLE_MS);
    const versions = s.posts.map((p) => p.version);
    assert.ok(versions.length <= 1 + Math.ceil((20 * 5) / THROTTLE_MS) + 1, `at most one update per ${THROTTLE_MS} ms: ${versions}`);
    assert.equal(versions.at(-1), 21);
    assert.deepEqual([...versions].sort((a, b) => a - b), versions, 'versions only go up');
    assert.ok(s.parses() <= versions.length, 'versions never posted are never parsed');
  });

  test('a syntax error is posted at once, without diagnostics (the webview keeps its last good render)', () => {
    const s = setup();
    s.publish(1, ['A']);
    s.sync.refresh();
    s.clock.advance(0);
    s.clock.advance(THROTTLE_MS);
    s.type('{"messages": ');
    s.clock.advance(0);
    assert.equal(s.posts.length, 2);
    assert.equal(s.posts[1].value, undefined);
    assert.match(s.posts[1].syntaxError!, /^Line 1: /);
    assert.equal(s.posts[1].diagnostics, undefined);
    s.publish(2, ['JSON-SYNTAX']);
    s.clock.advance(THROTTLE_MS);
    assert.equal(s.posts.length, 2, 'its diagnostics change nothing');
  });

  test('without a server (it never published for the document) the text is posted unchecked at once', () => {
    const s = setup();
    s.sync.refresh();
    s.clock.advance(0);
    assert.deepEqual(s.posts.map((p) => [p.version, p.diagnostics]), [[1, undefined]]);
  });

  test('a document closed and reopened counts from version 1 again: the epoch goes up', () => {
    const s = setup();
    s.document.version = 7;
    s.sync.refresh();
    s.clock.advance(0);
    s.sync.documentClosed();
    s.document.version = 1;
    s.sync.textChanged();
    s.clock.advance(THROTTLE_MS);
    // Or no close event was seen: a version lower than the last one posted says the same.
    s.document.version = 0;
    s.sync.textChanged();
    s.clock.advance(THROTTLE_MS);
    assert.deepEqual(s.posts.map((p) => [p.epoch, p.version]), [[0, 7], [1, 1], [2, 0]]);
  });
});

describe('DiagnosticsFeed', () => {
  test('keeps our diagnostics with a JSON pointer, with the version they were published for', () => {
    const feed = new DiagnosticsFeed();
    const heard: string[] = [];
    feed.onDidPublish((uri) => heard.push(uri));
    feed.publish({
      uri: URI,
      version: 3,
      diagnostics: [
        lsp('BTN-TITLE', { severity: 2, data: { path: '/a', limit: 20 } }),
        lsp('JSON-SYNTAX'),
        lsp('X', { source: 'json' }),
        lsp('Y', { data: {} }),
        lsp('Z', { severity: 4, message: { value: 'markup' } }),
      ],
    });
    assert.deepEqual(feed.get(URI), {
      version: 3,
      diagnostics: [
        { severity: 'warning', code: 'BTN-TITLE', message: 'BTN-TITLE message', path: '/a', limit: 20 },
        { severity: 'hint', code: 'Z', message: 'markup', path: '/messages/msg/0' },
      ],
    });
    // Closing the document clears it without a version: forgotten.
    feed.publish({ uri: URI, diagnostics: [] });
    assert.equal(feed.get(URI), undefined);
    assert.deepEqual(heard, [URI, URI]);
    assert.deepEqual(fromLsp([lsp('A', { severity: undefined })]).map((d) => d.severity), ['error']);
  });
});
