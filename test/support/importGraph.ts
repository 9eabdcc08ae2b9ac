// The import graph of src/ as the compiler reads it (static imports, re-exports, `import type`,
// `import('…')` types and `require('./…')`), for the layer test and for measuring it by hand:
// `node out/test/support/importGraph.js` prints the upward arrows and the circles.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { repoRoot } from './paths';

export interface ImportArrow {
  from: string;
  to: string;
  /** Only types cross it (`import type`, `import('…')` in a type): nothing runs at load time. */
  typeOnly: boolean;
}

/**
 * The layers of ARCHITECTURE.md, lowest first, by path prefix (the longest prefix wins). A file
 * may import its own layer or a lower one; an arrow to a higher layer runs back up.
 */
export const LAYERS: readonly (readonly string[])[] = [
  ['src/core/'],
  ['src/core/signing/', 'src/core/http/'],
  ['src/core/api/'],
  ['src/core/admin/', 'src/core/reports/', 'src/core/requests/'],
  ['src/core/insights/'],
  ['src/contract/', 'src/protocol/'],
  ['src/lazyEngine.ts'],
  ['src/connections/'],
  ['src/ui/'],
  ['src/documents/'],
  ['src/views/'],
  ['src/reports/'],
  ['src/audit/'],
  ['src/commands/'],
  ['src/engine.ts', 'src/requestEngine.ts'],
  ['src/extension.ts'],
];

/** The arrows allowed to run back up: the engine loader names the lazily loaded bundles' types only. */
export const ALLOWED_UPWARD: readonly string[] = ['src/lazyEngine.ts -> src/engine.ts', 'src/lazyEngine.ts -> src/requestEngine.ts'];

export function layerOf(file: string): { rank: number; prefix: string } {
  let best = { rank: -1, prefix: '' };
  LAYERS.forEach((prefixes, rank) => {
    for (const prefix of prefixes) if (file.startsWith(prefix) && prefix.length > best.prefix.length) best = { rank, prefix };
  });
  if (best.rank < 0) throw new Error(`${file} is in no layer: add it to LAYERS (test/support/importGraph.ts) and ARCHITECTURE.md`);
  return best;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(repoRoot, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(rel);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [rel] : [];
  });
}

function resolve(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined; // a package or a node: module
  const base = path.posix.join(path.posix.dirname(from), specifier.replace(/\.js$/, ''));
  for (const candidate of [`${base}.ts`, `${base}/index.ts`]) if (fs.existsSync(path.join(repoRoot, candidate))) return candidate;
  throw new Error(`${from}: cannot resolve '${specifier}'`);
}

function importsOf(file: string): ImportArrow[] {
  const text = fs.readFileSync(path.join(repoRoot, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const arrows: ImportArrow[] = [];
  const add = (specifier: ts.Expression | undefined, typeOnly: boolean) => {
    if (!specifier || !ts.isStringLiteral(specifier)) return;
    const to = resolve(file, specifier.text);
    if (to) arrows.push({ from: file, to, typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const onlyTypes =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name &&
            !!clause.namedBindings &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier, onlyTypes);
    } else if (ts.isExportDeclaration(node)) {
      add(node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal as ts.Expression, true);
    } else if (ts.isCallExpression(node) && node.arguments.length === 1) {
      const callee = node.expression;
      if ((ts.isIdentifier(callee) && callee.text === 'require') || callee.kind === ts.SyntaxKind.ImportKeyword) {
        add(node.arguments[0], false);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return arrows;
}

export function importGraph(root = 'src'): ImportArrow[] {
  return sourceFiles(root).flatMap(importsOf);
}

/** Arrows to a higher layer than their file's (ALLOWED_UPWARD included), as "from -> to". */
export function upwardArrows(arrows: readonly ImportArrow[]): ImportArrow[] {
  return arrows.filter((a) => layerOf(a.to).rank > layerOf(a.from).rank);
}

/** Every import circle (strongly connected set of more than one file, or a file importing itself). */
export function circles(arrows: readonly ImportArrow[]): string[][] {
  const next = new Map<string, string[]>();
  for (const a of arrows) next.set(a.from, [...(next.get(a.from) ?? []), a.to]);
  // Tarjan's strongly connected components.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || next.get(v)?.includes(v)) found.push(component.sort());
    }
  };
  for (const v of new Set(arrows.flatMap((a) => [a.from, a.to]))) if (!index.has(v)) connect(v);
  return found;
}

if (require.main === module) {
  const arrows = importGraph();
  const up = upwardArrows(arrows);
  console.log(`${arrows.length} import arrows in src, ${up.length} running back up:`);
  for (const a of up) console.log(`  ${a.from} -> ${a.to}${a.typeOnly ? ' (types only)' : ''}`);
  const found = circles(arrows);
  console.log(`${found.length} circles:`);
  for (const c of found) console.log(`  ${c.join(' <-> ')}`);
}
