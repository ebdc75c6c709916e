/**
 * Text measurements as WhatsApp counts them (docs/rules.md): limits are in Unicode code points
 * (so 'é' and '👍' are 1, a flag or a ZWJ family is several).
 */

export function codePointLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/** The first `limit` code points of `text` (never splits a surrogate pair). */
export function sliceCodePoints(text: string, limit: number): string {
  let taken = 0;
  let i = 0;
  while (i < text.length && taken < limit) {
    const unit = text.charCodeAt(i);
    i += unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length ? 2 : 1;
    taken++;
  }
  return text.slice(0, i);
}

let graphemes: Intl.Segmenter | undefined;

/**
 * The longest start of `text` of at most `limit` code points that ends at a grapheme-cluster
 * boundary (Intl.Segmenter, UAX #29): a cut never leaves half a flag (one regional indicator),
 * a ZWJ family without its last member (a dangling U+200D), a letter without its accent, or an
 * emoji without its skin tone or U+FE0F. A first cluster longer than `limit` gives ''.
 */
export function sliceGraphemes(text: string, limit: number): string {
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let taken = 0;
  let end = 0;
  for (const { segment, index } of graphemes.segment(text)) {
    taken += codePointLength(segment);
    if (taken > limit) break;
    end = index + segment.length;
  }
  return text.slice(0, end);
}

/*
 * Emoji as they render, by Unicode's emoji data (UTS #51, emoji-data.txt and emoji-sequences.txt)
 * as the JavaScript engine ships it, not a hand-kept list:
 * - \p{RGI_Emoji}: every recommended emoji and sequence — keycaps, flags, skin tones, ZWJ families;
 * - \p{Emoji_Presentation}: a character that is an emoji by default, also outside a sequence (🇳, 🏽);
 * - any character followed by U+FE0F, the selector that asks for emoji presentation (™️);
 * - a keycap base (UTS #51: [0-9#*]) with U+20E3 but without the selector (1⃣).
 * Characters that are emoji only with U+FE0F (™ © ® ↔ ‼ ℹ, digits, # and *) stay text.
 * One emoji may be joined to the next with U+200D (a ZWJ sequence that is not RGI); in such a
 * sequence a pictograph that is text by default counts too (❤ in ❤‍🩹 typed without U+FE0F), so
 * the sequence is named and removed whole, never leaving a lone joiner.
 */
const EMOJI_PIECE = String.raw`(?:\p{RGI_Emoji}|\p{Emoji_Presentation}|\S\uFE0F|[0-9#*]\u20E3)\uFE0F?`;
// The `v` flag (Unicode sets, Node 20) is what gives properties of strings such as RGI_Emoji.
// Compiling it takes V8 ~6 ms: it is made when a text first needs it, not when a process starts.
let emojiGlobal: RegExp | undefined;
const JOINED_PIECE = String.raw`(?:${EMOJI_PIECE}|\p{Extended_Pictographic}\uFE0F?)`;
const emoji = () => (emojiGlobal ??= new RegExp(String.raw`(?:${EMOJI_PIECE}|\p{Extended_Pictographic}\uFE0F?(?=\u200D${JOINED_PIECE}))(?:\u200D${JOINED_PIECE})*`, 'gv'));

/** Every emoji has a character beyond ASCII (keycaps and text-style characters through U+20E3 or U+FE0F). */
const BEYOND_ASCII = /[^\x00-\x7F]/;

export function firstEmoji(text: string): string | undefined {
  if (!BEYOND_ASCII.test(text)) return undefined;
  const pattern = emoji();
  pattern.lastIndex = 0;
  return pattern.exec(text)?.[0];
}

export function removeEmoji(text: string): string {
  return (BEYOND_ASCII.test(text) ? text.replace(emoji(), '') : text).replace(/\s{2,}/g, ' ').trim();
}

// WhatsApp's formatting markers live with the preview's grammar of them.
export { findMarkdown, removeMarkdown } from './whatsapp-markup';

/** What a cut at a word boundary should not end with: spaces, a comma, a colon or a dash left hanging. */
const DANGLING = /[\s,;:\-\u2013\u2014]+$/u;

/**
 * Shorten to at most `limit` code points, never through a grapheme cluster (an emoji, a flag, a
 * letter with its accent stays whole or goes whole), at a word boundary when one lies past half the
 * allowed length (so we never throw away most of the text to find a space), without a comma
 * or dash left hanging; otherwise cut within the word. Every shorten fix uses this one.
 */
export function shortenText(text: string, limit: number): string {
  if (codePointLength(text) <= limit) return text;
  const cut = sliceGraphemes(text, limit);
  const hard = cut.trimEnd();
  const nextChar = text.slice(cut.length, cut.length + 1);
  const lastSpace = cut.search(/\s\S*$/);
  const atWord = /\s/.test(nextChar) ? cut : lastSpace > 0 ? cut.slice(0, lastSpace) : '';
  const clean = atWord.replace(DANGLING, '');
  return clean !== '' && codePointLength(clean) >= Math.ceil(limit / 2) ? clean : hard;
}

/** `n` and `word`, in the plural unless `n` is 1: "1 recipient", "3 recipients". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `word` after "a" or "an" as it is said: "an image", "a video", "a document". */
export function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
}
