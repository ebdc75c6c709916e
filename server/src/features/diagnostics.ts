/** Core diagnostics → LSP diagnostics. */
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { isRuleId, ruleDocUrl, type Diagnostic, type Severity, type ValidationResult } from '../../../shared/core/index';
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

/**
 * Each core diagnostic's LSP form, kept while the same object comes back: the editor's
 * validator hands over the same objects for the messages an edit did not touch (incremental.ts),
 * so after a keystroke only the edited message's findings are converted and masked again.
 */
const converted = new WeakMap<Diagnostic, { languageId: string; secrets: string; lsp: LspDiagnostic }>();

export function toLspDiagnostics(result: Pick<ValidationResult, 'diagnostics'> & { secrets?: string[] }, languageId: string): LspDiagnostic[] {
  // A product token written in the file is masked where a message quotes a field that holds it.
  const secrets = result.secrets ?? [];
  const secretsKey = secrets.join('\n');
  const lspDiagnostics: LspDiagnostic[] = [];
  for (const d of result.diagnostics) {
    if (d.code === 'JSON-SYNTAX' && reportedByBuiltInJson(d.data?.kind === 'syntax' ? d.data.syntax : undefined, languageId)) continue;
    const kept = converted.get(d);
    if (kept && kept.languageId === languageId && kept.secrets === secretsKey) {
      lspDiagnostics.push(kept.lsp);
      continue;
    }
    const lsp: LspDiagnostic = {
      range: d.range,
      severity: SEVERITY[d.severity],
      code: d.code,
      // The code in the Problems panel becomes a link to the rule's entry in docs/rules.md.
      ...(isRuleId(d.code) ? { codeDescription: { href: ruleDocUrl(d.code) } } : {}),
      source: SOURCE,
      message: secrets.length ? redact(d.message, ...secrets) : d.message,
      data: { ...d.data, path: d.path },
    };
    converted.set(d, { languageId, secrets: secretsKey, lsp });
    lspDiagnostics.push(lsp);
  }
  return lspDiagnostics;
}
