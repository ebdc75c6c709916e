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
        `file=${escapeProperty(file)}`,
        `line=${d.range.start.line + 1}`,
        `col=${d.range.start.character + 1}`,
        `endLine=${d.range.end.line + 1}`,
        `endColumn=${d.range.end.character + 1}`,
        `title=${escapeProperty(d.code)}`,
      ].join(',');
      return `::${COMMAND[d.severity]} ${properties}::${escapeData(d.message)}`;
    }),
  );
}

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
