/** What lint found, and how it is counted for the exit code and the summary line. */
import type { Diagnostic } from '../../../shared/core/index';
import { plural } from '../../../shared/core/text';

export interface LintedFile {
  file: string;
  diagnostics: Diagnostic[];
}

export interface LintCounts {
  files: number;
  errors: number;
  warnings: number;
  information: number;
}

export function countProblems(files: LintedFile[]): LintCounts {
  const counts: LintCounts = { files: files.length, errors: 0, warnings: 0, information: 0 };
  for (const { diagnostics } of files) {
    for (const d of diagnostics) {
      if (d.severity === 'error') counts.errors++;
      else if (d.severity === 'warning') counts.warnings++;
      else counts.information++;
    }
  }
  return counts;
}


/** `9 files checked, 2 errors, 1 warning` (and the skipped files, when some were). */
export function summaryLine(counts: LintCounts, skipped: number): string {
  const parts = [`${plural(counts.files, 'file')} checked`, plural(counts.errors, 'error'), plural(counts.warnings, 'warning')];
  if (counts.information > 0) parts.push(`${counts.information} information`);
  if (skipped > 0) parts.push(`${skipped} skipped (not CM payloads)`);
  return parts.join(', ');
}
