/**
 * The one walk over a payload value as it is while edited or sent, typed by the types generated
 * from the schemas (lib/payload.ts) instead of `any`. Nothing in a file can be trusted to have
 * its shape, so the types are `Loose`: every property may be missing, and what is not an object
 * is `unknown` until checked. The walk guards each object and array on the way, so a wrong
 * shape is skipped, never thrown on.
 */
import type { ConversationItem, Interactive, Message, Recipient } from '../payload';
import { arrayAt, isObject, objectAt } from './rules/access';

/** A payload type as it may be in a file: objects' properties optional, anything else unknown until checked. */
export type Loose<T> = T extends readonly unknown[] ? unknown : T extends object ? { readonly [K in keyof T]?: Loose<T[K]> } : unknown;

export interface MsgEntry {
  /** Index in `messages.msg`. */
  index: number;
  msg: Loose<Message>;
}

/** The msg entries that are objects. */
export function msgEntries(value: unknown): MsgEntry[] {
  const entries: MsgEntry[] = [];
  arrayAt(objectAt(value, 'messages'), 'msg').forEach((msg, index) => {
    if (isObject(msg)) entries.push({ index, msg: msg as Loose<Message> });
  });
  return entries;
}

/** A msg entry's recipients that are objects (`to`). */
export function recipientsOf(msg: Loose<Message>): Loose<Recipient>[] {
  return arrayAt(msg, 'to').filter(isObject) as Loose<Recipient>[];
}

/**
 * A msg entry's conversation items that hold an interactive object, with their index in
 * `richContent.conversation`. An array there counts too (the outline shows it, as a broken
 * interactive): its properties read as missing.
 */
export function interactivesOf(msg: Loose<Message>): { index: number; interactive: Loose<Interactive> }[] {
  const found: { index: number; interactive: Loose<Interactive> }[] = [];
  arrayAt(objectAt(msg, 'richContent'), 'conversation').forEach((item, index) => {
    const interactive = isObject(item) ? (item as Loose<ConversationItem>).interactive : undefined;
    if (typeof interactive === 'object' && interactive !== null) found.push({ index, interactive: interactive as Loose<Interactive> });
  });
  return found;
}
