/** Text that WhatsApp shows as typed: markdown markers in it are not formatting. */
import type { RuleId } from '../catalogue';
import type { JsonPath } from '../json-document';
import type { Report } from '../report';
import { findMarkdown } from '../text';

/**
 * Information when `text` holds markdown (found as in button titles): Meta's reference says
 * "no markdown" for header text and the list button, so `*Sale*` shows with its asterisks.
 */
export function reportLiteralMarkdown(report: Report, code: RuleId, path: JsonPath, label: string, text: string | undefined): void {
  const markdown = text === undefined ? undefined : findMarkdown(text);
  if (!markdown) return;
  report({
    code,
    severity: 'information',
    path,
    message: `${label} "${text}" contains markdown (${markdown}); it shows literally, markers included, because WhatsApp does not format ${label.toLowerCase()}`,
    data: { kind: 'strip', strip: 'markdown' },
  });
}
