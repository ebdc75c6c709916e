import type { JsonPath } from '../json-document';
import type { Report } from '../report';
import type { JsonObject } from './access';

/** One `interactive` object and where it sits. */
export interface InteractiveContext {
  readonly interactive: JsonObject;
  /** Path of the `interactive` object. */
  readonly path: JsonPath;
  /** The `msg` entry that holds it. */
  readonly msg: JsonObject;
}

export type InteractiveRule = (context: InteractiveContext, report: Report) => void;

/** A rule over one `msg` entry (envelope rules). */
export type MsgRule = (msg: JsonObject, path: JsonPath, report: Report) => void;
