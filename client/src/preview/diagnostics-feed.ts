/**
 * The language server's diagnostics for the preview, each list with the document version it
 * was computed for. VS Code's diagnostics API drops that version, so the language client hands
 * us every `textDocument/publishDiagnostics` as it arrives (start-language-client.ts), and the
 * preview shows a list only with the text of that very version. No `vscode` import: unit-tested.
 */
import type { PreviewDiagnostic } from '../../../shared/render/model';

/** What the server published for one document; `version` undefined for a closed document. */
export interface PublishedDiagnostics {
  readonly version: number | undefined;
  readonly diagnostics: PreviewDiagnostic[];
}

/** The wire form (LSP PublishDiagnosticsParams), as much of it as the preview reads. */
export interface PublishParams {
  uri: string;
  version?: number;
  diagnostics: { severity?: number; code?: number | string; source?: string; message: string | { value: string }; data?: unknown }[];
}

export class DiagnosticsFeed {
  private readonly latest = new Map<string, PublishedDiagnostics>();
  private readonly listeners = new Set<(uri: string) => void>();

  publish(params: PublishParams): void {
    // A closed document's diagnostics are cleared without a version: forget it.
    if (params.version === undefined && params.diagnostics.length === 0) this.latest.delete(params.uri);
    else this.latest.set(params.uri, { version: params.version, diagnostics: fromLsp(params.diagnostics) });
    for (const listener of this.listeners) listener(params.uri);
  }

  /** The last list published for `uri`, undefined if the server never checked it. */
  get(uri: string): PublishedDiagnostics | undefined {
    return this.latest.get(uri);
  }

  onDidPublish(listener: (uri: string) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
}

/** Our diagnostics carry the JSON pointer in `data.path`; a syntax error is the banner's, not an outline. */
export function fromLsp(diagnostics: PublishParams['diagnostics']): PreviewDiagnostic[] {
  const severities = ['error', 'warning', 'information', 'hint'] as const;
  return diagnostics.flatMap((d) => {
    const data = d.data as { path?: unknown; limit?: unknown } | undefined;
    if (d.source !== 'cm-interactive' || typeof data?.path !== 'string' || d.code === 'JSON-SYNTAX') return [];
    return [{ severity: severities[(d.severity ?? 1) - 1] ?? 'error', code: String(d.code ?? ''), message: typeof d.message === 'string' ? d.message : d.message.value, path: data.path, ...(typeof data.limit === 'number' ? { limit: data.limit } : {}) }];
  });
}
