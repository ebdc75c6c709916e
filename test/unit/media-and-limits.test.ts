/** The one media table (core/media-types.ts) answers as the four tables it replaced did; limits come from the schemas or RULE_LIMITS. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extensionsOf, MEDIA, mimeTypeOf, servedTypeFits } from '../../shared/core/media-types';

test("Send's media check accepts the Content-Types it accepted before", () => {
  const before = { image: /^image\/(jpeg|png)\b/i, video: /^video\/(mp4|3gpp)\b/i, document: /^(application\/|text\/plain\b)/i };
  const served = ['image/jpeg', 'IMAGE/PNG; charset=binary', 'image/jpegx', 'image/gif', 'video/mp4', 'video/3gpp', 'video/3gp', 'video/webm', 'application/pdf', 'application/octet-stream', 'text/plain; charset=utf-8', 'text/plainx', 'text/html', ''];
  for (const kind of ['image', 'video', 'document'] as const) {
    for (const type of served) assert.equal(servedTypeFits(kind, type), before[kind].test(type), `${kind} served as ${type}`);
  }
  assert.deepEqual(Object.values(MEDIA).map((m) => m.maxBytes / 1024 / 1024), [5, 16, 100]);
});

test('a file name gives its MIME type, else the kind gives its first; a document type its extension', () => {
  assert.equal(mimeTypeOf('sale.PNG', 'image'), 'image/png');
  assert.equal(mimeTypeOf('clip.3gp', 'video'), 'video/3gpp');
  assert.equal(mimeTypeOf('notes.txt', 'document'), 'text/plain');
  assert.equal(mimeTypeOf('media', 'image'), 'image/jpeg');
  assert.equal(mimeTypeOf('media', 'video'), 'video/mp4');
  assert.equal(mimeTypeOf('media', 'document'), 'application/pdf');
  assert.equal(mimeTypeOf('media', 'audio'), 'application/octet-stream');
  assert.deepEqual(extensionsOf('document', 'application/msword'), ['doc']);
  assert.equal(extensionsOf('document', 'constructor'), undefined);
  assert.equal(extensionsOf('image', 'application/pdf'), undefined);
});

test('limits the code needs come from the schemas (schemaNumber) or RULE_LIMITS, and a missing one fails loudly', async () => {
  const { schemaNumber } = await import('../../shared/core/schemas');
  const { RULE_LIMITS } = await import('../../shared/core/limits');
  assert.equal(schemaNumber('buttonItem', ['reply', 'title'], 'maxLength'), 20);
  assert.equal(schemaNumber('list', ['action', 'sections', '[]', 'rows', '[]', 'title'], 'maxLength'), 24);
  assert.equal(schemaNumber('list', ['action', 'sections'], 'maxItems'), 10);
  assert.equal(schemaNumber('flow', ['action', 'parameters', 'flow_cta'], 'x-lengthLimit'), 30);
  assert.throws(() => schemaNumber('list', ['action', 'button'], 'maxItems'), /no maxItems at list\/action\/button/);
  assert.deepEqual(RULE_LIMITS, { replyButtons: 3, listRows: 10, flowCtaOlderClients: 20 });
});
