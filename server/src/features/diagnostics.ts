/** Core diagnostics → LSP diagnostics. */
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { isRuleId, ruleDocUrl, type Severity, type ValidationResult } from '../../../shared/core/index';
import { redact } from '../../../shared/core/safe-text';

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

export function toLspDiagnostics(result: Pick<ValidationResult, 'diagnostics'> & { secrets?: string[] }, languageId: string): LspDiagnostic[] {
  // A product token written in the file is masked where a message quotes a field that holds it.
  const secrets = result.secrets ?? [];
  return result.diagnostics
    .filter((d) => d.code !== 'JSON-SYNTAX' || !reportedByBuiltInJson(d.data?.kind === 'syntax' ? d.data.syntax : undefined, languageId))
    .map((d) => ({
      range: d.range,
      severity: SEVERITY[d.severity],
      code: d.code,
      // The code in the Problems panel becomes a link to the rule's entry in docs/rules.md.
      ...(isRuleId(d.code) ? { codeDescription: { href: ruleDocUrl(d.code) } } : {}),
      source: SOURCE,
      message: secrets.length ? redact(d.message, ...secrets) : d.message,
      data: { ...d.data, path: d.path },
    }));
}
