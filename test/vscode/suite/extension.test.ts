/// <reference types="mocha" />
/**
 * The extension inside real VS Code (code-server here, @vscode/test-electron elsewhere):
 * the real `vscode` API, the real language client and server, the real webview.
 *
 * Isolation: every test works on its own copy of the examples and fixtures (a scratch folder
 * inside the workspace, made from the pristine copy named in harness-config.json), and its
 * clean-up closes exactly the editors of that copy, by URI, then deletes it. Autosave is off
 * in the test profile, so an edit lives only in its test's copy.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { limit, scaleFrom, waitUntil } from '../../helpers/timing';

interface HarnessConfig {
  gatewayUrl: string;
  token: string;
  /** A folder holding `examples/` and `fixtures/`, copied for each test. */
  pristine: string;
  timeScale?: number;
}

const config = JSON.parse(readFileSync(path.join(__dirname, 'harness-config.json'), 'utf8')) as HarnessConfig;
const scale = scaleFrom(config.timeScale ?? process.env.CM_TEST_TIME_SCALE);
const EXAMPLES = ['list', 'reply-buttons', 'reply-buttons-image', 'reply-buttons-video', 'reply-buttons-document', 'cta-url', 'location-request', 'flow', 'call-permission-request'];

/** This test's own copy of the examples and fixtures. */
class Scratch {
  private static count = 0;
  readonly root: vscode.Uri;

  private constructor(root: vscode.Uri) {
    this.root = root;
  }

  static async create(): Promise<Scratch> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the tests run in a workspace folder');
    const root = vscode.Uri.joinPath(folder.uri, `scratch-${process.pid}-${++Scratch.count}`);
    await vscode.workspace.fs.copy(vscode.Uri.file(config.pristine), root, { overwrite: true });
    return new Scratch(root);
  }

  file(...parts: string[]): vscode.Uri {
    return vscode.Uri.joinPath(this.root, ...parts);
  }

  owns(uri: vscode.Uri): boolean {
    return uri.toString().startsWith(`${this.root.toString()}/`);
  }

  /** Closes this copy's editors and previews (saving first, so no dialog asks), then deletes it. */
  async dispose(): Promise<void> {
    for (const document of vscode.workspace.textDocuments) {
      if (this.owns(document.uri) && document.isDirty) await document.save();
    }
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => {
      const input = tab.input;
      if (input instanceof vscode.TabInputText) return this.owns(input.uri);
      // Our previews are titled after their document; the preview test opens only this copy's.
      return input instanceof vscode.TabInputWebview && input.viewType.includes('cmInteractive.preview');
    });
    if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
    await vscode.workspace.fs.delete(this.root, { recursive: true, useTrash: false });
  }
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'cm-interactive');
}

function codes(diagnostics: vscode.Diagnostic[]): string[] {
  return diagnostics.map((d) => String(typeof d.code === 'object' ? d.code.value : d.code));
}

/** Resolves when `accept` holds for the document's diagnostics (event-driven, with a deadline). */
function diagnosticsWhere(uri: vscode.Uri, accept: (d: vscode.Diagnostic[]) => boolean, timeoutMs = 20_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    if (accept(ours(uri))) return resolve(ours(uri));
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`diagnostics for ${uri.path} never matched within ${limit(timeoutMs, scale)} ms; last: ${JSON.stringify(codes(ours(uri)))}`));
    }, limit(timeoutMs, scale));
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((u) => u.toString() === uri.toString()) || !accept(ours(uri))) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(ours(uri));
    });
  });
}

/**
 * Proves the language server has checked the document as it is, without waiting a fixed time:
 * put an empty message first in `msg`, wait for its problems, undo, and wait for the problems
 * of the original text to settle where `accept` expects them. (A syntax error would not do:
 * in `json` documents VS Code's own JSON support reports those.)
 */
async function checkedAsIs(document: vscode.TextDocument, accept: (d: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  const text = document.getText();
  const at = document.positionAt(text.indexOf('[', text.indexOf('"msg"')) + 1);
  const probe = '{}, ';
  const probeRange = new vscode.Range(at, at.translate(0, probe.length));
  const breakIt = new vscode.WorkspaceEdit();
  breakIt.insert(document.uri, at, probe);
  assert.ok(await vscode.workspace.applyEdit(breakIt));
  await diagnosticsWhere(document.uri, (d) => d.some((x) => x.range.intersection(probeRange) !== undefined), 30_000);
  const undo = new vscode.WorkspaceEdit();
  undo.delete(document.uri, probeRange);
  assert.ok(await vscode.workspace.applyEdit(undo));
  assert.equal(document.getText(), text, 'the probe left the text as it was');
  const inProbe = (d: vscode.Diagnostic[]) => d.some((x) => x.range.intersection(probeRange) !== undefined);
  return diagnosticsWhere(document.uri, (d) => !inProbe(d) && accept(d));
}

/** Language server processes started by this extension host. */
function serverChildren(): number[] {
  const { execSync } = require('node:child_process') as typeof import('node:child_process');
  const pids = execSync('pgrep -f "dist/server/server.js" || true', { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  return pids.filter((pid) => {
    try {
      return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[3]) === process.pid;
    } catch {
      return false;
    }
  });
}

/** What the loopback gateway has received so far (its test-only inspection endpoint). */
async function gatewayRequests(): Promise<{ headers: Record<string, string>; body: string }[]> {
  const response = await fetch(new URL('/__test/requests', config.gatewayUrl));
  return (await response.json()) as { headers: Record<string, string>; body: string }[];
}

describe('cm-interactive in real VS Code', function () {
  this.timeout(limit(90_000, scale));
  let scratch: Scratch;

  before(async () => {
    const extension = vscode.extensions.getExtension('cm-interactive.cm-interactive');
    assert.ok(extension, 'the extension is installed');
    await extension.activate();
  });

  beforeEach(async () => {
    scratch = await Scratch.create();
  });

  afterEach(async () => {
    await scratch.dispose();
  });

  // Deliberately first: it is about a window in which no payload has been opened yet.
  it('starts no language server for JSON that is not a payload, and starts it once the file becomes one', async () => {
    const uri = scratch.file('plain.json');
    await vscode.workspace.fs.writeFile(uri, Buffer.from('{\n  "name": "not-a-payload",\n  "version": "1.0.0"\n}\n'));
    const plain = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(plain);
    // VS Code's own JSON support answering for the file means every extension has seen it open.
    await waitUntil('VS Code\'s JSON symbols for plain.json', () => vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri), (s) => (s ?? []).some((x) => x.name === 'name'), 20_000, scale);
    assert.deepEqual(serverChildren(), [], 'no language server for a plain JSON file');
    // Typing a top-level "messages" key makes it a payload: the server starts and checks it.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(3, 0), '  ,"messages": { "msg": [] }\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const diagnostics = await diagnosticsWhere(uri, (d) => d.length > 0);
    assert.ok(diagnostics.length > 0);
    assert.equal(serverChildren().length, 1, 'one language server once a payload is open');
  });

  it('validates the invalid fixture with the exact problems', async () => {
    const uri = scratch.file('fixtures', 'invalid-buttons.json');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const diagnostics = await diagnosticsWhere(uri, (d) => d.length === 2);
    assert.deepEqual(
      diagnostics.map((d) => [codes([d])[0], document.getText(d.range), d.severity]),
      [
        ['BTN-TITLE', '"Yes, deliver it to me!!"', vscode.DiagnosticSeverity.Error],
        ['BTN-TITLE-PLAIN', '"Neighbour 👍"', vscode.DiagnosticSeverity.Error],
      ],
    );
    assert.equal(diagnostics[0].message, 'Button title is 23 characters; WhatsApp allows at most 20');
  });

  for (const name of EXAMPLES) {
    it(`example ${name}.json has no problems`, async () => {
      const document = await vscode.workspace.openTextDocument(scratch.file('examples', `${name}.json`));
      const diagnostics = await checkedAsIs(document, (d) => d.length === 0);
      assert.deepEqual(diagnostics.map((d) => d.message), []);
    });
  }

  it('applies quick fixes through executeCodeActionProvider + applyEdit and the problems go', async () => {
    const uri = scratch.file('fixtures', 'invalid-buttons.json');
    const document = await vscode.workspace.openTextDocument(uri);
    for (const code of ['BTN-TITLE', 'BTN-TITLE-PLAIN']) {
      const diagnostic = (await diagnosticsWhere(uri, (d) => codes(d).includes(code))).find((x) => codes([x])[0] === code)!;
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      const preferred = actions.find((a) => a.isPreferred && a.edit);
      assert.ok(preferred, `a preferred fix for ${code}: ${actions.map((a) => a.title).join(', ')}`);
      assert.ok(await vscode.workspace.applyEdit(preferred.edit!));
      await diagnosticsWhere(uri, (d) => !codes(d).includes(code));
    }
    assert.deepEqual(ours(uri), []);
    assert.match(document.getText(), /"title": "Yes, deliver it to"/);
    assert.match(document.getText(), /"title": "Neighbour"/);
  });

  it('hover from the language server shows the live count', async () => {
    const uri = scratch.file('examples', 'flow.json');
    const document = await vscode.workspace.openTextDocument(uri);
    const at = document.positionAt(document.getText().indexOf('"Start survey"') + 2);
    const hover = await waitUntil(
      'our hover on flow_cta',
      async () => (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at)).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n'),
      (text) => /characters/.test(text),
      20_000,
      scale,
    );
    assert.match(hover, /12 \/ 30 characters/);
  });

  it('completes "he typed in an interactive object: header, over the typed "he, and not the body already there', async () => {
    const uri = scratch.file('fixtures', 'invalid-buttons.json');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const after = document.positionAt(document.getText().indexOf('"type": "button",') + '"type": "button",'.length);
    const typing = new vscode.WorkspaceEdit();
    typing.insert(uri, after, '\n"he');
    assert.ok(await vscode.workspace.applyEdit(typing));
    const at = new vscode.Position(after.line + 1, 3);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, at);
    const label = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);
    const header = list.items.find((item) => label(item) === 'header' && item.detail);
    assert.ok(header, `header in ${list.items.map(label).join(', ')}`);
    const range = header.range instanceof vscode.Range ? header.range : header.range!.replacing;
    assert.equal(document.getText(range), '"he');
    assert.ok(!list.items.some((item) => label(item) === 'body' && item.detail), 'body is there already');
  });

  it('keeps a message\'s rule problem while a key is half-typed in it', async () => {
    const uri = scratch.file('fixtures', 'invalid-buttons.json');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const before = (await diagnosticsWhere(uri, (d) => codes(d).includes('BTN-TITLE'))).find((d) => codes([d])[0] === 'BTN-TITLE')!;
    const after = document.positionAt(document.getText().indexOf('"type": "button",') + '"type": "button",'.length);
    const typing = new vscode.WorkspaceEdit();
    typing.insert(uri, after, '\n"foo');
    assert.ok(await vscode.workspace.applyEdit(typing));
    // Checked again (the problem moved down with its line), and still there, with the same message.
    const moved = (d: vscode.Diagnostic) => codes([d])[0] === 'BTN-TITLE' && d.range.start.line === before.range.start.line + 1;
    const diagnostics = await diagnosticsWhere(uri, (d) => d.some(moved));
    const title = diagnostics.find(moved)!;
    assert.equal(title.message, before.message);
    assert.equal(document.getText(title.range), '"Yes, deliver it to me!!"');
  });

  it('opens the WhatsApp preview beside the editor', async () => {
    const uri = scratch.file('examples', 'list.json');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await vscode.commands.executeCommand('cmInteractive.openPreview', uri);
    const tab = await waitUntil(
      'a preview tab',
      () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('cmInteractive.preview')),
      (t) => t !== undefined,
      10_000,
      scale,
    );
    assert.match(tab!.label, /Preview list\.json|WhatsApp preview/);
  });

  it('sends to the loopback gateway once, with the stored token in the header only, and refuses an invalid file', async () => {
    const settings = vscode.workspace.getConfiguration('cmInteractive');
    const changed = ['gateway.url', 'testRecipients', 'send.skipConfirmationForTestRecipients'];
    const previous = new Map(changed.map((key) => [key, settings.inspect(key)?.globalValue]));
    try {
      assert.equal(await vscode.commands.executeCommand('cmInteractive.setProductToken', config.token), true);
      await settings.update('gateway.url', config.gatewayUrl, vscode.ConfigurationTarget.Global);
      await settings.update('testRecipients', ['00316012345678'], vscode.ConfigurationTarget.Global);
      await settings.update('send.skipConfirmationForTestRecipients', true, vscode.ConfigurationTarget.Global);
      const before = (await gatewayRequests()).length;
      const summary = await vscode.commands.executeCommand<{ headline: string; severity: string }>('cmInteractive.send', scratch.file('examples', 'location-request.json'));
      assert.ok(summary, 'the send ran');
      assert.equal(summary.severity, 'info');
      assert.match(summary.headline, /^Accepted for 1 of 1 recipient\./);
      assert.ok(!JSON.stringify(summary).includes(config.token));
      const refused = await vscode.commands.executeCommand('cmInteractive.send', scratch.file('fixtures', 'invalid-buttons.json'));
      assert.equal(refused, undefined);
      const sent = (await gatewayRequests()).slice(before);
      assert.equal(sent.length, 1, 'one request: the valid file; the invalid one was refused before sending');
      assert.equal(sent[0].headers['x-cm-producttoken'], config.token);
      assert.ok(!sent[0].body.includes(config.token), 'the token is not in the body');
      assert.equal(JSON.parse(sent[0].body).messages.msg[0].richContent.conversation[0].interactive.type, 'location_request_message');
    } finally {
      // Leave the profile as the test found it: no token, the user settings it had.
      for (const key of changed) await settings.update(key, previous.get(key), vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('cmInteractive.clearProductToken');
    }
  });

  it("posts the customer's reply to a loopback webhook as CM would, once, and reports a non-200", async () => {
    const { createServer } = require('node:http') as typeof import('node:http');
    const received: string[] = [];
    let status = 200;
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        received.push(body);
        response.writeHead(status, { 'Content-Type': 'application/json' }).end(status === 200 ? '{"ok":true}' : '{"error":"down"}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/webhook`;
    const settings = vscode.workspace.getConfiguration('cmInteractive');
    const changed = ['webhook.url', 'customer.name', 'customer.number'];
    const previous = new Map(changed.map((key) => [key, settings.inspect(key)?.globalValue]));
    try {
      await settings.update('webhook.url', url, vscode.ConfigurationTarget.Global);
      await settings.update('customer.name', 'Suite Customer', vscode.ConfigurationTarget.Global);
      await settings.update('customer.number', '0044 7700 900123', vscode.ConfigurationTarget.Global);
      type Result = { webhook: any; posted?: { url: string; report: { delivered: boolean; headline: string; details: string[] } } };
      const uri = scratch.file('examples', 'list.json');
      const result = await vscode.commands.executeCommand<Result>('cmInteractive.sendCustomerReply', uri, 0, 'slot-0303-1400');
      assert.ok(result?.posted, 'posted');
      assert.equal(result.posted.url, url);
      assert.equal(result.posted.report.delivered, true, result.posted.report.headline);
      assert.equal(received.length, 1, 'one POST');
      assert.deepEqual(JSON.parse(received[0]), result.webhook);
      assert.deepEqual(result.webhook.from, { number: '+447700900123', name: 'Suite Customer' });
      assert.equal(result.webhook.messageContext, 'bikeservice0303');
      assert.deepEqual(result.webhook.message.custom.interactive.list_reply, { id: 'slot-0303-1400', title: '14:00 – 14:45', description: 'Mechanic: Sanne' });
      status = 500;
      const failed = await vscode.commands.executeCommand<Result>('cmInteractive.sendCustomerReply', uri, 0, 'slot-0303-0900');
      assert.equal(failed?.posted?.report.delivered, false);
      assert.match(failed!.posted!.report.details.join('\n'), /retries every 5 minutes, for up to a month/);
      assert.equal(received.length, 2);
    } finally {
      for (const key of changed) await settings.update(key, previous.get(key), vscode.ConfigurationTarget.Global);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('restarts a killed language server and the diagnostics come back', async () => {
    // Make sure this window has a server (whatever ran before), then kill it.
    const uri = scratch.file('examples', 'cta-url.json');
    const document = await vscode.workspace.openTextDocument(uri);
    await checkedAsIs(document, (d) => d.length === 0);
    const servers = serverChildren();
    assert.equal(servers.length, 1, `one server child of this extension host (found ${servers.join(', ')})`);
    process.kill(servers[0], 'SIGKILL');
    // Edit the payload: once the client has restarted the server, its diagnostics arrive.
    const title = document.getText().indexOf('"Open boarding pass"');
    const titleRange = new vscode.Range(document.positionAt(title + 1), document.positionAt(title + 19));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, titleRange, 'Open your boarding pass now');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const diagnostics = await diagnosticsWhere(uri, (d) => codes(d).includes('CTA-FIELDS'), 60_000);
    assert.match(diagnostics[0].message, /27 characters; WhatsApp allows at most 20/);
    const restore = new vscode.WorkspaceEdit();
    restore.replace(uri, new vscode.Range(titleRange.start, document.positionAt(title + 1 + 'Open your boarding pass now'.length)), 'Open boarding pass');
    assert.ok(await vscode.workspace.applyEdit(restore));
    await diagnosticsWhere(uri, (d) => d.length === 0);
  });
});
