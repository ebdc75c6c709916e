/** Turning a schema's `defaultSnippets` body into snippet text at a given indentation. */

export function snippetText(body: unknown, indentUnit: string, baseIndent: string): string {
  // Placeholders like ${1:Header} live inside JSON strings; JSON.stringify leaves them intact.
  const text = JSON.stringify(body, null, indentUnit);
  return text
    .split('\n')
    .map((line, index) => (index === 0 ? line : baseIndent + line))
    .join('\n');
}

/** The indentation unit a document uses (two spaces unless it says otherwise). */
export function detectIndent(text: string): { unit: string; insertSpaces: boolean; tabSize: number } {
  const match = /\n([ \t]+)\S/.exec(text);
  if (match?.[1].startsWith('\t')) return { unit: '\t', insertSpaces: false, tabSize: 4 };
  const size = match ? Math.min(match[1].length, 8) : 2;
  return { unit: ' '.repeat(size), insertSpaces: true, tabSize: size };
}

export function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}
