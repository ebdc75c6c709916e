/**
 * The standalone preview page (`cm-interactive render`): the same renderer bundle as the
 * VS Code webview, the payload embedded as inert JSON, a strict CSP with a nonce.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PreviewDiagnostic } from './model';
import { previewPage } from './page';
import { unparsedMessages } from './unparsed';
import type { Diagnostic, ValidationResult } from '../core/index';
import { limitOf } from '../core/report';
import { payloadSecrets, redact } from '../core/safe-text';

export function toPreviewDiagnostics(diagnostics: Diagnostic[]): PreviewDiagnostic[] {
  return diagnostics
    .filter((d) => d.code !== 'JSON-SYNTAX')
    .map((d) => ({
      severity: d.severity,
      code: d.code,
      message: d.message,
      path: d.path,
      ...(limitOf(d.data) === undefined ? {} : { limit: limitOf(d.data) }),
    }));
}

/** The renderer's files, next to the bundle: dist/cli.js → ../media. */
export function mediaAssets(mediaDir = join(__dirname, '..', 'media')): { script: string; css: string } {
  return {
    script: readFileSync(join(mediaDir, 'standalone.js'), 'utf8'),
    css: readFileSync(join(mediaDir, 'preview.css'), 'utf8'),
  };
}

/**
 * The page is made to be shared: the product tokens written in the file, and any `secrets`
 * the caller adds (the token from the environment), are masked wherever they appear in it.
 */
export function standaloneHtml(result: ValidationResult, title: string, assets = mediaAssets(), secrets: string[] = []): string {
  const nonce = randomBytes(16).toString('base64');
  const syntax = result.diagnostics.find((d) => d.code === 'JSON-SYNTAX');
  const data = {
    value: result.document.value,
    diagnostics: toPreviewDiagnostics(result.diagnostics),
    syntaxError: syntax ? `Line ${syntax.range.start.line + 1}: ${syntax.message}` : undefined,
    // Counted as lint counts them: each JSON-SYNTAX is an error.
    syntaxErrors: result.diagnostics.filter((d) => d.code === 'JSON-SYNTAX').length,
    // The tolerant parse guesses at what is still being typed: such msg entries are drawn as not parsing.
    unparsed: syntax ? unparsedMessages(result.document) : [],
    // For the command line the page shows after a tap (cm-interactive reply FILE …).
    file: title,
  };
  const hidden = [...payloadSecrets(result.document.value), ...secrets];
  const masked = JSON.stringify(data, (_key, value) => (typeof value === 'string' ? redact(value, ...hidden) : value));
  // `<` as \\u003c: no payload text can close the data element or open a tag.
  const json = redact(masked, ...hidden).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  const csp = `default-src 'none'; img-src https:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'`;
  return previewPage({
    csp,
    title: `${redact(title, ...hidden)} — WhatsApp preview`,
    style: `<style nonce="${nonce}">${assets.css}</style>`,
    scripts: `<script id="cm-payload" type="application/json">${json}</script>\n<script nonce="${nonce}">${assets.script.replace(/<\/script/gi, '<\\/script')}</script>`,
  });
}

