/// <reference types="mocha" />
/**
 * The extension inside real VS Code (code-server here, @vscode/test-electron elsewhere):
 * the real `vscode` API, the real language client and server, the real webview.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXAMPLES = ['list', 'reply-buttons', 'reply-buttons-image', 'reply-buttons-video', 'reply-buttons-document', 'cta-url', 'location-request', 'flow', 'call-permission-request'];

function workspaceFile(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run in a workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...parts);
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'cm-interactive');
}

/** Resolves when `accept` holds for the document's diagnostics (event-driven, with a deadline). */
function diagnosticsWhere(uri: vscode.Uri, accept: (d: vscode.Diagnostic[]) => boolean, timeoutMs = 20_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    if (accept(ours(uri))) return resolve(ours(uri));
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`diagnostics for ${uri.path} never matched; last: ${JSON.stringify(ours(uri).map((d) => d.code))}`));
    }, timeoutMs);
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((u) => u.toString() === uri.toString()) || !accept(ours(uri))) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(ours(uri));
    });
  });
}

/** Waits until the language server answers for this document (it owns it once it has symbols). */
async function serverOwns(uri: vscode.Uri): Promise<vscode.DocumentSymbol[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    // VS Code's JSON support adds its own symbols ("messages"); ours start at "Message 1".
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
    const own = (symbols ?? []).filter((s) => /^Message \d+$/.test(s.name));
    if (own.length > 0) return own;
    if (Date.now() > deadline) throw new Error(`no symbols for ${uri.path}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Language server processes started by this extension host. */
function serverChildren(): number[] {
  const { execSync } = require('node:child_process') as typeof import('node:child_process');
  const { readFileSync } = require('node:fs') as typeof import('node:fs');
  const pids = execSync('pgrep -f "dist/server/server.js" || true', { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  return pids.filter((pid) => {
    try {
      return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[3]) === process.pid;
    } catch {
      return false;
    }
  });
}

describe('cm-interactive in real VS Code', function () {
  this.timeout(60_000);

  before(async () => {
    const extension = vscode.extensions.getExtension('cm-interactive.cm-interactive');
    assert.ok(extension, 'the extension is installed');
    await extension.activate();
  });

  // First: no payload has been opened yet in this window.
  it('starts no language server for JSON that is not a payload, and starts it once the file becomes one', async () => {
    const plain = await vscode.workspace.openTextDocument({ language: 'json', content: '{\n  "name": "not-a-payload",\n  "version": "1.0.0"\n}\n' });
    await vscode.window.showTextDocument(plain);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.deepEqual(serverChildren(), [], 'no language server for a plain JSON file');
    // Typing a top-level "messages" key makes it a payload: the server starts and checks it.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(plain.uri, new vscode.Position(3, 0), '  ,"messages": { "msg": [] }\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const diagnostics = await diagnosticsWhere(plain.uri, (d) => d.length > 0);
    assert.ok(diagnostics.length > 0);
    assert.equal(serverChildren().length, 1, 'one language server once a payload is open');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('validates the invalid fixture with the exact problems', async () => {
    const uri = workspaceFile('fixtures', 'invalid-buttons.json');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diagnostics = await diagnosticsWhere(uri, (d) => d.length === 2);
    const document = await vscode.workspace.openTextDocument(uri);
    assert.deepEqual(
      diagnostics.map((d) => [typeof d.code === 'object' ? d.code.value : d.code, document.getText(d.range), d.severity]),
      [
        ['BTN-TITLE', '"Yes, deliver it to me!!"', vscode.DiagnosticSeverity.Error],
        ['BTN-TITLE-PLAIN', '"Neighbour 👍"', vscode.DiagnosticSeverity.Error],
      ],
    );
    assert.equal(diagnostics[0].message, 'Button title is 23 characters; WhatsApp allows at most 20');
  });

  for (const name of EXAMPLES) {
    it(`example ${name}.json has no problems`, async () => {
      const uri = workspaceFile('examples', `${name}.json`);
      await vscode.workspace.openTextDocument(uri);
      const symbols = await serverOwns(uri);
      assert.equal(symbols[0].name, 'Message 1');
      // Nothing should arrive: give the server a moment to publish, then look.
      await diagnosticsWhere(uri, (d) => d.length > 0, 1500).then(
        (d) => assert.fail(`unexpected problems: ${d.map((x) => x.message).join('; ')}`),
        () => undefined,
      );
      assert.deepEqual(ours(uri), []);
    });
  }

  it('applies quick fixes through executeCodeActionProvider + applyEdit and the problems go', async () => {
    const uri = workspaceFile('fixtures', 'invalid-buttons.json');
    const document = await vscode.workspace.openTextDocument(uri);
    for (const code of ['BTN-TITLE', 'BTN-TITLE-PLAIN']) {
      const diagnostic = (await diagnosticsWhere(uri, (d) => d.some((x) => x.code === code))).find((x) => x.code === code)!;
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      const preferred = actions.find((a) => a.isPreferred && a.edit);
      assert.ok(preferred, `a preferred fix for ${code}: ${actions.map((a) => a.title).join(', ')}`);
      assert.ok(await vscode.workspace.applyEdit(preferred.edit!));
      await diagnosticsWhere(uri, (d) => !d.some((x) => x.code === code));
    }
    assert.deepEqual(ours(uri), []);
    assert.match(document.getText(), /"title": "Yes, deliver it to"/);
    assert.match(document.getText(), /"title": "Neighbour"/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('offers completion and hover from the language server', async () => {
    const uri = workspaceFile('examples', 'flow.json');
    const document = await vscode.workspace.openTextDocument(uri);
    const at = document.positionAt(document.getText().indexOf('"Start survey"') + 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /12 \/ 30 characters/);
  });

  it('opens the WhatsApp preview beside the editor', async () => {
    const uri = workspaceFile('examples', 'list.json');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await vscode.commands.executeCommand('cmInteractive.openPreview', uri);
    const deadline = Date.now() + 10_000;
    let tab: vscode.Tab | undefined;
    while (!tab && Date.now() < deadline) {
      tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('cmInteractive.preview'));
      if (!tab) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(tab, 'a preview tab is open');
    assert.match(tab.label, /Preview list\.json|WhatsApp preview/);
  });

  it('sends to the loopback gateway with the stored token, and refuses an invalid file', async () => {
    const config = JSON.parse(require('node:fs').readFileSync(require('node:path').join(__dirname, 'harness-config.json'), 'utf8')) as { gatewayUrl: string; token: string };
    assert.equal(await vscode.commands.executeCommand('cmInteractive.setProductToken', config.token), true);
    const settings = vscode.workspace.getConfiguration('cmInteractive');
    await settings.update('gateway.url', config.gatewayUrl, vscode.ConfigurationTarget.Global);
    await settings.update('testRecipients', ['00316012345678'], vscode.ConfigurationTarget.Global);
    await settings.update('send.skipConfirmationForTestRecipients', true, vscode.ConfigurationTarget.Global);
    const summary = await vscode.commands.executeCommand<{ headline: string; severity: string }>('cmInteractive.send', workspaceFile('examples', 'location-request.json'));
    assert.ok(summary, 'the send ran');
    assert.equal(summary.severity, 'info');
    assert.match(summary.headline, /^Accepted for 1 of 1 recipient\./);
    assert.ok(!JSON.stringify(summary).includes(config.token));
    const refused = await vscode.commands.executeCommand('cmInteractive.send', workspaceFile('fixtures', 'invalid-buttons.json'));
    assert.equal(refused, undefined);
  });

  it('restarts a killed language server and the diagnostics come back', async () => {
    const ours = serverChildren();
    assert.equal(ours.length, 1, `one server child of this extension host (found ${ours.join(', ')})`);
    process.kill(ours[0], 'SIGKILL');
    // Edit a payload: once the client has restarted the server, its diagnostics arrive.
    const uri = workspaceFile('examples', 'cta-url.json');
    const document = await vscode.workspace.openTextDocument(uri);
    const title = document.getText().indexOf('"Open boarding pass"');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(document.positionAt(title + 1), document.positionAt(title + 19)), 'Open your boarding pass now');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const diagnostics = await diagnosticsWhere(uri, (d) => d.some((x) => x.code === 'CTA-FIELDS'), 40_000);
    assert.match(diagnostics[0].message, /27 characters; WhatsApp allows at most 20/);
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await diagnosticsWhere(uri, (d) => d.length === 0);
  });
});
