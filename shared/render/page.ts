/** The one page shell of the preview, for the VS Code webview and the standalone page. */

export interface PageParts {
  csp: string;
  title: string;
  /** Stylesheet link or inline style (already tagged with the nonce). */
  style: string;
  /** Data and script elements (already tagged with the nonce). */
  scripts: string;
}

export function previewPage({ csp, title, style, scripts }: PageParts): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
${style}
</head>
<body>
<div id="root"></div>
${scripts}
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
