/**
 * `lint --format github`: GitHub Actions workflow commands, one per problem, which the Actions
 * runner turns into annotations on the pull request's files. Escaped as the runner unescapes
 * them (actions/toolkit's command.ts): `%`, CR and LF everywhere; also `:` and `,` in properties.
 */
import type { Severity } from '../../../shared/core/catalogue';
import type { LintedFile } from './report';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

export function toGithubCommands(files: LintedFile[]): string[] {
  return files.flatMap(({ file, diagnostics }) =>
    diagnostics.map((d) => {
      const properties = [
        `file=${escapeProperty(tabsShown(file))}`,
        `line=${d.range.start.line + 1}`,
        `col=${d.range.start.character + 1}`,
        `endLine=${d.range.end.line + 1}`,
        `endColumn=${d.range.end.character + 1}`,
        `title=${escapeProperty(tabsShown(d.code))}`,
      ].join(',');
      return `::${COMMAND[d.severity]} ${properties}::${escapeData(tabsShown(d.message))}`;
    }),
  );
}

/** A tab from a payload value shown as `\u0009`, as the CLI shows every other control character (the runner keeps it as text). */
function tabsShown(text: string): string {
  return text.replace(/\t/g, '\\u0009');
}

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
