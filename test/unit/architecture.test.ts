/**
 * The layout's promises, read from the import graph of the sources (TypeScript's own pre-parser):
 * VS Code-free shared code that every side imports and that imports none of them, a language
 * server and a CLI that do not reach into each other or into the extension, and no import cycle.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import test from 'node:test';
import ts from 'typescript';

const ROOT = resolve(__dirname, '..', '..');
const AREAS = ['shared', 'server/src', 'cli/src', 'client/src', 'media/src'] as const;
type Area = (typeof AREAS)[number];

interface Import {
  from: string;
  specifier: string;
  /** The repository file it resolves to, for a relative specifier. */
  target?: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function resolveRelative(from: string, specifier: string): string | undefined {
  const base = join(dirname(from), specifier);
  return ['', '.ts', '/index.ts', '.js'].map((ext) => base + ext).find((path) => existsSync(join(ROOT, path)) && statSync(join(ROOT, path)).isFile());
}

function importsOf(file: string): Import[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const found: Import[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const typeOnly = ts.isImportDeclaration(node)
        ? Boolean(node.importClause?.isTypeOnly) ||
          Boolean(node.importClause && !node.importClause.name && node.importClause.namedBindings && ts.isNamedImports(node.importClause.namedBindings) && node.importClause.namedBindings.elements.every((e) => e.isTypeOnly))
        : node.isTypeOnly;
      found.push({ from: file, specifier: node.moduleSpecifier.text, typeOnly });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      found.push({ from: file, specifier: node.arguments[0].text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found.map((entry) => (entry.specifier.startsWith('.') ? { ...entry, target: resolveRelative(file, entry.specifier) } : entry));
}

const files = AREAS.flatMap((area) => sourceFiles(area));
const imports = files.flatMap(importsOf);
const areaOf = (path: string): Area | 'schemas' | 'other' =>
  AREAS.find((area) => path.startsWith(`${area}/`)) ?? (path.startsWith('schemas/') ? 'schemas' : 'other');
const show = (list: Import[]) => list.map((i) => `${i.from} → ${i.specifier}`).join('\n');

test('every relative import resolves to a file of the repository', () => {
  assert.ok(files.length > 80, `only ${files.length} source files found`);
  assert.equal(show(imports.filter((i) => i.specifier.startsWith('.') && !i.target)), '');
});

test('shared/ is VS Code-free and imports no side: only itself, the schemas and packages', () => {
  const wrong = imports.filter((i) => areaOf(i.from) === 'shared' && (/^vscode(-|$)/.test(i.specifier) || (i.target && !['shared', 'schemas'].includes(areaOf(i.target)))));
  assert.equal(show(wrong), '');
});

test('the language server and the CLI import shared/ and themselves, never each other or the extension', () => {
  const wrong = imports.filter((i) => {
    const area = areaOf(i.from);
    if (area !== 'server/src' && area !== 'cli/src') return false;
    if (i.specifier === 'vscode') return true;
    return i.target !== undefined && !['shared', 'schemas', area].includes(areaOf(i.target));
  });
  assert.equal(show(wrong), '');
});

test('the extension reaches the server only through the shared protocol, and the webview only itself, shared/ and the preview protocol', () => {
  const wrong = imports.filter((i) => {
    if (!i.target) return areaOf(i.from) === 'media/src' && i.specifier === 'vscode';
    const [from, to] = [areaOf(i.from), areaOf(i.target)];
    if (from === 'client/src') return to === 'server/src' || to === 'cli/src' || (to === 'media/src' && !i.typeOnly);
    if (from === 'media/src') return !['media/src', 'shared', 'schemas'].includes(to) && !(i.target === 'client/src/preview/protocol.ts' && i.typeOnly);
    return false;
  });
  assert.equal(show(wrong), '');
});

test('no import cycle among the modules (imports of types only aside: they vanish at run time)', () => {
  const edges = new Map<string, string[]>();
  for (const i of imports) if (i.target && !i.typeOnly) edges.set(i.from, [...(edges.get(i.from) ?? []), i.target]);
  // Tarjan's strongly connected components: a component of more than one module is a cycle.
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const connect = (node: string): void => {
    order.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!order.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, order.get(next)!));
    }
    if (low.get(node) === order.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) cycles.push(component.map((path) => relative(ROOT, join(ROOT, path))));
    }
  };
  for (const file of files) if (!order.has(file)) connect(file);
  assert.deepEqual(cycles, []);
});
