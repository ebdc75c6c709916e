/**
 * Quick fixes held to the product's rule: a fix says in its title what it changes, changes no
 * text it does not name, and leaves no new problem. Each case applies the fix in-process
 * (test/helpers/service.ts) and validates the result again.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateText } from '../../shared/core/index';
import { codePointLength, shortenText } from '../../shared/core/text';
import { mutated, type Payload } from '../helpers/payloads';
import { applyEdits, setup } from '../helpers/service';

/** The quick fixes offered for the first diagnostic with `code`; a payload is written with 2-space indentation. */
function fixesFor(payload: Payload | string, code: string) {
  const { service, document, diagnostics } = setup(typeof payload === 'string' ? payload : JSON.stringify(payload, null, 2), { noCursor: true });
  const diagnostic = diagnostics.find((d) => d.code === code);
  assert.ok(diagnostic, `no ${code} in ${JSON.stringify(diagnostics.map((d) => d.code))}`);
  const actions = service.getCodeActions(document, diagnostic.range, { diagnostics: [diagnostic], only: ['quickfix'] });
  return {
    diagnostic,
    message: diagnostic.message as string,
    titles: actions.map((a) => a.title),
    apply(title: RegExp) {
      const action = actions.find((a) => title.test(a.title));
      assert.ok(action, `no fix ${title} in ${JSON.stringify(actions.map((a) => a.title))}`);
      const fixed = applyEdits(document, action.edit!.changes![document.uri]);
      return { title: action.title, fixed, json: JSON.parse(fixed) as Payload, after: validateText(fixed).diagnostics.map((d) => `${d.code}: ${d.message}`) };
    },
  };
}

const interactiveOf = (json: Payload) => json.messages.msg[0].richContent.conversation[0].interactive;

test('fix ENV-NUMBER: the national trunk prefix (0) after the country code is dropped, in the message and the fix', () => {
  const fixes = fixesFor(mutated('list', (_i, p) => (p.messages.msg[0].to[0].number = '+31 (0)6 1234 5678')), 'ENV-NUMBER');
  assert.match(fixes.message, /\("0031612345678"\)/);
  const { title, json, after } = fixes.apply(/Change to/);
  assert.equal(title, 'Change to "0031612345678"');
  assert.equal(json.messages.msg[0].to[0].number, '0031612345678');
  assert.deepEqual(after, []);
  // Without the trunk prefix, and written with 00, the number is as it was.
  assert.equal(fixesFor(mutated('list', (_i, p) => (p.messages.msg[0].to[0].number = '+31 6 1234 5678')), 'ENV-NUMBER').apply(/Change to/).title, 'Change to "0031612345678"');
  assert.equal(fixesFor(mutated('list', (_i, p) => (p.messages.msg[0].to[0].number = '0031 (0)6-1234 5678')), 'ENV-NUMBER').apply(/Change to/).title, 'Change to "0031612345678"');
});

test('fix BTN-TITLE-UNIQUE: "Make it unique" picks a number no other button uses', () => {
  const payload = mutated('reply-buttons', (i) => {
    i.action.buttons[0].reply.title = 'Yes';
    i.action.buttons[1].reply.title = 'Yes';
    i.action.buttons[2].reply.title = 'Yes 2';
  });
  const { title, json, after } = fixesFor(payload, 'BTN-TITLE-UNIQUE').apply(/Make it unique/);
  assert.equal(title, 'Make it unique: "Yes 3"');
  assert.deepEqual(interactiveOf(json).action.buttons.map((b: Payload) => b.reply.title), ['Yes', 'Yes 3', 'Yes 2']);
  assert.deepEqual(after, []);
});

test('fix BTN-TITLE-UNIQUE: a title at the limit is shortened at a word boundary to make room for the number', () => {
  const payload = mutated('reply-buttons', (i) => {
    i.action.buttons[0].reply.title = 'Reserve my size now';
    i.action.buttons[1].reply.title = 'Reserve my size now';
  });
  const { title, after } = fixesFor(payload, 'BTN-TITLE-UNIQUE').apply(/Make it unique/);
  assert.equal(title, 'Make it unique: "Reserve my size 2"');
  assert.deepEqual(after, []);
});

test('fix LIST-ROW-ID: "Make it unique" picks an id no row in any section uses', () => {
  const payload = mutated('list', (i) => {
    i.action.sections[0].rows[0].id = 'slot';
    i.action.sections[1].rows[0].id = 'slot';
    i.action.sections[1].rows[1].id = 'slot-2';
  });
  const { title, after } = fixesFor(payload, 'LIST-ROW-ID').apply(/Make it unique/);
  assert.equal(title, 'Make it unique: "slot-3"');
  assert.deepEqual(after, []);
});

test('fix BTN-TITLE-PLAIN / FLOW-CTA: no "Remove the emoji" when the text is nothing but emoji', () => {
  const button = fixesFor(mutated('reply-buttons', (i) => (i.action.buttons[0].reply.title = '👍')), 'BTN-TITLE-PLAIN');
  assert.deepEqual(button.titles, []);
  const cta = fixesFor(mutated('flow', (i) => (i.action.parameters.flow_cta = '👉 ✅')), 'FLOW-CTA');
  assert.deepEqual(cta.titles, []);
  // With text besides the emoji the fix is offered as before.
  assert.deepEqual(fixesFor(mutated('reply-buttons', (i) => (i.action.buttons[0].reply.title = '👍 Yes')), 'BTN-TITLE-PLAIN').apply(/Remove the emoji/).after, []);
});

test('shortenText cuts at a word boundary when there is one past half the limit, without a dangling comma or dash', () => {
  assert.equal(shortenText('View all the available time slots', 20), 'View all the');
  assert.equal(shortenText('Start the customer satisfaction survey now', 20), 'Start the customer');
  assert.equal(shortenText('Yes, deliver it, to me please', 18), 'Yes, deliver it');
  assert.equal(shortenText('A Supercalifragilisticexpialidocious', 20), 'A Supercalifragilist');
  assert.equal(shortenText('short', 20), 'short');
});

test('shortenText never cuts through a grapheme cluster: no lone regional indicator, no dangling ZWJ, at most the limit', () => {
  const flags = 'Shipping to: 🇳🇱🇧🇪🇩🇪🇫🇷🇬🇧🇪🇸🇮🇹🇵🇹🇦🇹🇨🇭🇵🇱🇸🇪🇳🇴🇩🇰🇫🇮🇮🇪🇬🇷🇨🇿🇭🇺🇷🇴🇧🇬🇭🇷🇸🇮🇸🇰🇱🇹';
  assert.equal(codePointLength(flags), 63);
  const shortFlags = shortenText(flags, 60);
  // 13 characters of text and 23 whole flags (46 code points): the 24th flag would be half a flag.
  assert.equal(shortFlags, 'Shipping to: 🇳🇱🇧🇪🇩🇪🇫🇷🇬🇧🇪🇸🇮🇹🇵🇹🇦🇹🇨🇭🇵🇱🇸🇪🇳🇴🇩🇰🇫🇮🇮🇪🇬🇷🇨🇿🇭🇺🇷🇴🇧🇬🇭🇷🇸🇮');
  assert.equal(codePointLength(shortFlags), 59);
  const family = 'x'.repeat(58) + '👨‍👩‍👧yy';
  assert.equal(shortenText(family, 60), 'x'.repeat(58));
  assert.equal(shortenText(family, 63), 'x'.repeat(58) + '👨‍👩‍👧');
  // Every cut is whole clusters of the text, and within the limit.
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const clusters = (text: string) => [...segmenter.segment(text)].map((s) => s.segment);
  for (const text of [flags, family, 'Café crème 👍🏽 and 1️⃣ more 🏳️‍🌈 ok', 'e\u0301'.repeat(30)]) {
    for (let limit = 1; limit <= codePointLength(text); limit++) {
      const cut = shortenText(text, limit);
      assert.ok(codePointLength(cut) <= limit, `${JSON.stringify(cut)} over ${limit}`);
      const whole = clusters(cut);
      assert.deepEqual(whole, clusters(text).slice(0, whole.length), `${JSON.stringify(cut)} breaks a cluster of ${JSON.stringify(text)}`);
    }
  }
});

test('fix LIST-BUTTON length: "Shorten to the limit" cuts at a word boundary', () => {
  const { title, json, after } = fixesFor(mutated('list', (i) => (i.action.button = 'View all the available time slots')), 'LIST-BUTTON').apply(/Shorten/);
  assert.equal(title, 'Shorten to 12 characters: "View all the"');
  assert.equal(interactiveOf(json).action.button, 'View all the');
  assert.deepEqual(after, []);
});

test('fix FLOW-CTA length: shortened so that older WhatsApp versions show it whole, and no FLOW-CTA remains', () => {
  const warning = fixesFor(mutated('flow', (i) => (i.action.parameters.flow_cta = 'Start the customer satisfaction survey now')), 'FLOW-CTA').apply(/Shorten/);
  assert.equal(warning.title, 'Shorten to 18 characters: "Start the customer"');
  assert.deepEqual(warning.after, []);
  // Cut at 30 this one would end at a word boundary over 20 ("Open the short customer survey").
  const over20 = fixesFor(mutated('flow', (i) => (i.action.parameters.flow_cta = 'Open the short customer survey today')), 'FLOW-CTA').apply(/Shorten/);
  assert.equal(over20.title, 'Shorten to 14 characters: "Open the short"');
  assert.deepEqual(over20.after, []);
  const information = fixesFor(mutated('flow', (i) => (i.action.parameters.flow_cta = 'Start the survey now please')), 'FLOW-CTA').apply(/Shorten/);
  assert.equal(information.title, 'Shorten to 20 characters: "Start the survey now"');
  assert.deepEqual(information.after, []);
});

test('fix INT-BODY-LEN on a list body: the error above 4,096 shortens to 1,024, leaving no warning; the warning\'s fix too', () => {
  const words = 'Pick a delivery slot that suits you best. '.repeat(200);
  const error = fixesFor(mutated('list', (i) => (i.body.text = words.slice(0, 4999))), 'INT-BODY-LEN');
  assert.equal(error.diagnostic.severity, 1);
  assert.match(error.message, /^Body text is 4999 characters; WhatsApp allows at most 4096 \(older WhatsApp docs and SDKs: 1024\)$/);
  const shortened = error.apply(/Shorten/);
  assert.match(shortened.title, /^Shorten to 10\d\d characters: "Pick a delivery slot/);
  assert.ok(codePointLength(interactiveOf(shortened.json).body.text) <= 1024);
  assert.deepEqual(shortened.after, []);
  const warning = fixesFor(mutated('list', (i) => (i.body.text = words.slice(0, 2000))), 'INT-BODY-LEN');
  assert.equal(warning.diagnostic.severity, 2);
  assert.deepEqual(warning.apply(/Shorten/).after, []);
});

test('fix BTN-COUNT with mixed buttons: offered in either order; converting keeps the reply buttons as rows and leaves no finding', () => {
  const track = { type: 'openurl', title: 'Track parcel', url: 'https://example.com/t' };
  for (const mutate of [(i: Payload) => i.action.buttons.push(track), (i: Payload) => i.action.buttons.unshift(track)]) {
    const fixes = fixesFor(mutated('reply-buttons', mutate), 'BTN-COUNT');
    assert.match(fixes.message, /^The message has 4 buttons \(3 reply, 1 openurl\)/);
    // Both fixes keep the reply buttons only, and say that the openurl button goes.
    const converted = fixes.apply(/Convert to a list message/);
    assert.equal(converted.title, 'Convert to a list message (3 rows; drops the openurl button)');
    assert.deepEqual(converted.after, []);
    const kept = fixes.apply(/Keep the first/);
    assert.equal(kept.title, 'Keep the first 3 reply buttons; drops the openurl button');
    assert.deepEqual(interactiveOf(kept.json).action.buttons.map((b: Payload) => b.type), ['reply', 'reply', 'reply']);
    assert.deepEqual(kept.after, []);
  }
});

test('fix BTN-COUNT: converting a message with an image header says the header is dropped', () => {
  const payload = mutated('reply-buttons-image', (i) => {
    i.action.buttons.push({ type: 'reply', reply: { id: 'later', title: 'Ask me later' } }, { type: 'reply', reply: { id: 'info', title: 'More info' } });
  });
  const { title, json, after } = fixesFor(payload, 'BTN-COUNT').apply(/Convert to a list message/);
  assert.match(title, /^Convert to a list message \(4 rows; drops the image header: a list header can only be text/);
  assert.equal(interactiveOf(json).header, undefined);
  assert.deepEqual(after, []);
  // A text header is kept, and the title does not speak of one dropped.
  const text = fixesFor(mutated('reply-buttons', (i) => i.action.buttons.push({ type: 'reply', reply: { id: 'later', title: 'Ask me later' } })), 'BTN-COUNT').apply(/Convert/);
  assert.equal(text.title, 'Convert to a list message (4 rows)');
  assert.ok(interactiveOf(text.json).header);
});

test('INT-MEDIA-MIME: "an image header", "a video header", "a document header"', () => {
  const message = (kind: 'reply-buttons-image' | 'reply-buttons-video' | 'reply-buttons-document') =>
    fixesFor(mutated(kind, (i) => (i.header.media.mimeType = 'x-unknown/none')), 'INT-MEDIA-MIME').message;
  assert.match(message('reply-buttons-image'), /does not fit an image header/);
  assert.match(message('reply-buttons-video'), /does not fit a video header/);
  assert.match(message('reply-buttons-document'), /does not fit a document header/);
});

test('fix BTN-TITLE-PLAIN / BTN-TITLE: a title that would repeat another button\'s gets the first free number, shown in the fix\'s title', () => {
  const emoji = fixesFor(mutated('reply-buttons', (i) => {
    i.action.buttons[0].reply.title = 'Yes 👍';
    i.action.buttons[1].reply.title = 'Yes';
  }), 'BTN-TITLE-PLAIN').apply(/Remove the emoji/);
  assert.equal(emoji.title, 'Remove the emoji: "Yes 2"');
  assert.deepEqual(emoji.after, []);
  const shorten = fixesFor(mutated('reply-buttons', (i) => {
    i.action.buttons[0].reply.title = 'Leave it with my neighbour';
    i.action.buttons[1].reply.title = 'Leave it with my';
  }), 'BTN-TITLE').apply(/Shorten/);
  assert.equal(shorten.title, 'Shorten to 18 characters: "Leave it with my 2"');
  assert.deepEqual(shorten.after, []);
});

test('fix INT-MEDIA-MIME: only the types the mediaName\'s extension fits, or the title names the extension the other one asks for', () => {
  const fits = fixesFor(mutated('reply-buttons-image', (i) => {
    i.header.media.mediaName = 'spring-sale.jpg';
    i.header.media.mimeType = 'image/jpg';
  }), 'INT-MEDIA-MIME');
  assert.deepEqual(fits.titles, ['Change to "image/jpeg"']);
  assert.deepEqual(fits.apply(/image\/jpeg/).after, []);
  const none = fixesFor(mutated('reply-buttons-image', (i) => {
    i.header.media.mediaName = 'spring-sale.gif';
    i.header.media.mimeType = 'image/gif';
  }), 'INT-MEDIA-MIME');
  assert.deepEqual(none.titles, ['Change to "image/jpeg" (mediaName then needs .jpg)', 'Change to "image/png" (mediaName then needs .png)']);
});

/** The cta-url example with a second openurl button (CTA-ONE: it is never sent). */
const twoLinks = () => mutated('cta-url', (i) => i.action.buttons.push({ type: 'openurl', title: 'Other', url: 'https://example.com/o' }));
const withoutSecondLink = (payload: Payload) => {
  const copy = structuredClone(payload);
  interactiveOf(copy).action.buttons.pop();
  return copy;
};

test('fix CTA-ONE "Remove this button": valid JSON in every layout, only the button taken away', () => {
  const payload = twoLinks();
  // Minified: the file stays one line, byte for byte the payload without the button.
  const minified = fixesFor(JSON.stringify(payload), 'CTA-ONE').apply(/Remove this button/);
  assert.equal(minified.fixed, JSON.stringify(withoutSecondLink(payload)));
  assert.deepEqual(minified.after, []);
  // The closing ] on the button's own line ("…}]"): jsonc-parser's removal left a stray }.
  const pretty = JSON.stringify(payload, null, 2);
  const buttons = interactiveOf(payload).action.buttons;
  const compactButtons = pretty.replace(/"buttons": \[[\s\S]*?\n(\s*)\]/, (_m, indent) => `"buttons": [${JSON.stringify(buttons[0])},\n${indent}  ${JSON.stringify(buttons[1])}]`);
  assert.notEqual(compactButtons, pretty);
  const inline = fixesFor(compactButtons, 'CTA-ONE').apply(/Remove this button/);
  assert.deepEqual(inline.json, withoutSecondLink(payload));
  assert.match(inline.fixed, /"buttons": \[\{"type":"openurl".*\}\]/);
  assert.deepEqual(inline.after, []);
  // Pretty-printed: the rest of the file as it was.
  assert.equal(fixesFor(pretty, 'CTA-ONE').apply(/Remove this button/).fixed, JSON.stringify(withoutSecondLink(payload), null, 2));
});

test('fixes in a one-line file keep it on one line: removing the header, adding WhatsApp to allowedChannels', () => {
  const header = mutated('list', (i) => (i.header = { type: 'image', media: { mediaName: 'a.jpg', mediaUri: 'https://example.com/a.jpg', mimeType: 'image/jpeg' } }));
  const removed = fixesFor(JSON.stringify(header), 'LIST-HEADER').apply(/Remove the header/);
  const expected = structuredClone(header);
  delete interactiveOf(expected).header;
  assert.equal(removed.fixed, JSON.stringify(expected));
  assert.deepEqual(removed.after, []);
  const channels = mutated('list', (_i, p) => (p.messages.msg[0].allowedChannels = ['SMS']));
  const added = fixesFor(JSON.stringify(channels), 'ENV-CHANNELS').apply(/Add "WhatsApp"/);
  assert.equal(added.fixed.split('\n').length, 1);
  assert.deepEqual(added.json.messages.msg[0].allowedChannels, ['SMS', 'WhatsApp']);
  assert.deepEqual(added.after, []);
});

test('no fix rewrites a message from a text that does not parse: "Convert to a list" would drop the rest of a broken body', () => {
  const payload = mutated('reply-buttons', (i) => {
    i.action.buttons.push({ type: 'reply', reply: { id: 'later', title: 'Later' } });
    i.body.text = 'Reply BROKEN if you are home';
  });
  const broken = JSON.stringify(payload, null, 2).replace('"Reply BROKEN if', '"Reply "Yes" if');
  assert.deepEqual(fixesFor(broken, 'BTN-COUNT').titles, []);
  // The same message without the stray quotes gets both.
  assert.deepEqual(fixesFor(payload, 'BTN-COUNT').titles.map((t) => t.replace(/ \(.*/, '')), ['Keep the first 3 buttons', 'Convert to a list message']);
});

test('a value fix is offered only when it makes no new error: INT-TYPE "buttons", a media header on a list', () => {
  const type = fixesFor(mutated('reply-buttons', (i) => (i.type = 'buttons')), 'INT-TYPE');
  assert.deepEqual(type.titles, ['Change to "button"']);
  assert.deepEqual(type.apply(/button/).after, []);
  const header = fixesFor(mutated('list', (i) => (i.header = { type: 'image', media: { mediaName: 'a.jpg', mediaUri: 'https://example.com/a.jpg', mimeType: 'image/jpeg' } })), 'LIST-HEADER');
  assert.deepEqual(header.titles, ['Remove the header']);
  assert.deepEqual(header.apply(/Remove the header/).after, []);
});

test('fix ENV-FROM: a sender written with + and spaces becomes the number CM wants', () => {
  const fixes = fixesFor(mutated('list', (_i, p) => (p.messages.msg[0].from = '+31 6 0987 6543')), 'ENV-FROM');
  assert.match(fixes.message, /"\+31 6 0987 6543" is not valid; .*: "0031609876543"/);
  const { title, json, after } = fixes.apply(/Change to/);
  assert.equal(title, 'Change to "0031609876543"');
  assert.equal(json.messages.msg[0].from, '0031609876543');
  assert.deepEqual(after, []);
});
