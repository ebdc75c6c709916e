/**
 * What `*.cm.json` files lose by being their own language (`cm-payload`) rather than `json`:
 * folding ranges, selection ranges (smart expand) and range formatting, from
 * vscode-json-languageservice as VS Code's JSON support has them. `json` documents get these
 * from VS Code itself, so only `cm-payload` documents are answered here. Big files are bounded
 * as elsewhere: a tree only when affordable, jsonc formatting only for small texts.
 */
import { getLanguageService, type FormattingOptions } from 'vscode-json-languageservice';
import type { FoldingRange, Position, Range, SelectionRange, TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { treeAffordable } from '../../../shared/core/json-document';

const json = getLanguageService({});

/** Folding walks the tokens (no tree); VS Code's JSON stops at 5,000 ranges too. */
const MAX_FOLDING_RANGES = 5000;
/** jsonc-parser's formatter makes an object per edit (see formatting.ts). */
const MAX_RANGE_FORMAT_TEXT = 256 * 1024;

export function getFoldingRanges(document: TextDocument): FoldingRange[] {
  return json.getFoldingRanges(document, { rangeLimit: MAX_FOLDING_RANGES });
}

export function getSelectionRanges(document: TextDocument, positions: Position[]): SelectionRange[] {
  if (!treeAffordable(document.getText())) return [];
  return json.getSelectionRanges(document, positions, json.parseJSONDocument(document));
}

export function formatRange(document: TextDocument, range: Range, options: FormattingOptions): TextEdit[] {
  if (document.getText().length > MAX_RANGE_FORMAT_TEXT) return [];
  return json.format(document, range, options);
}
