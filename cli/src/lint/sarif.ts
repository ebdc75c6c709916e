/**
 * `lint --format sarif`: SARIF 2.1.0, the format GitHub code scanning reads, so problems show
 * inline on pull requests. One rule per rule id (with its summary and a link into
 * docs/rules.md) and one result per problem with its exact region.
 */
import type * as Sarif from 'sarif';
import { RULES, ruleDocUrl, type RuleId, type Severity } from '../../../shared/core/catalogue';
import type { LintedFile } from './report';

const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

export function toSarif(files: LintedFile[], version: string): Sarif.Log {
  const ids = Object.keys(RULES) as RuleId[];
  const index = new Map(ids.map((id, i) => [id, i]));
  const rules: Sarif.ReportingDescriptor[] = ids.map((id) => ({
    id,
    name: id,
    shortDescription: { text: RULES[id].summary },
    helpUri: ruleDocUrl(id),
    defaultConfiguration: { level: LEVEL[RULES[id].severity] },
  }));
  const results: Sarif.Result[] = files.flatMap(({ file, diagnostics }) =>
    diagnostics.map((d) => ({
      ruleId: d.code,
      ...(index.has(d.code as RuleId) ? { ruleIndex: index.get(d.code as RuleId) } : {}),
      level: LEVEL[d.severity],
      message: { text: d.message },
      locations: [{
        physicalLocation: {
          artifactLocation: { uri: artifactUri(file) },
          // SARIF counts lines and columns from 1; columns in UTF-16 code units, as LSP does.
          region: { startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1 },
        },
      }],
    })),
  );
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'cm-interactive', version, informationUri: 'https://github.com/cm-interactive/cm-interactive', rules } },
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
}

/** A relative URI reference for a path as given (GitHub resolves it against the repository root). */
function artifactUri(file: string): string {
  if (file === '-') return 'stdin';
  const posix = file.replace(/\\/g, '/').replace(/^\.\//, '');
  const encoded = posix.split('/').map(encodeURIComponent).join('/');
  return posix.startsWith('/') ? `file://${encoded}` : encoded;
}
