/** Core diagnostics → LSP diagnostics. */
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { Severity, ValidationResult } from '../core/index';

export const SOURCE = 'cm-interactive';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * For `json` documents VS Code's own JSON support already reports syntax errors, and for
 * `jsonc` all but comments and trailing commas (which CM still refuses): don't say it twice.
 */
function reportedByBuiltInJson(syntaxKind: unknown, languageId: string): boolean {
  if (languageId === 'json') return true;
  if (languageId === 'jsonc') return syntaxKind === 'other';
  return false;
}

export function toLspDiagnostics(result: Pick<ValidationResult, 'diagnostics'>, languageId: string): LspDiagnostic[] {
  return result.diagnostics
    .filter((d) => d.code !== 'JSON-SYNTAX' || !reportedByBuiltInJson(d.data?.syntax, languageId))
    .map((d) => ({
      range: d.range,
      severity: SEVERITY[d.severity],
      code: d.code,
      source: SOURCE,
      message: d.message,
      data: { ...d.data, path: d.path },
    }));
}
