// Strings that reach people without passing through l10n, found in the source: the pseudo-locale
// stages see what the views and webviews show; notifications, modals, pickers, input boxes,
// progress titles and error messages appear only on some paths, so their call sites are read here.
// A sink given a string literal (or a template with words in it) that is not an l10n.t call's result
// is listed with its file and line.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';
import { repoRoot } from '../support/paths';

/** Calls whose every string argument a person reads. */
const MESSAGE_CALLS = new Set(['showInformationMessage', 'showWarningMessage', 'showErrorMessage', 'setStatusBarMessage']);
/** Object properties a person reads (quick picks, input boxes, progress, tree items, status bar items, test messages). */
const SHOWN_PROPERTIES = new Set(['title', 'placeHolder', 'prompt', 'label', 'description', 'detail', 'tooltip', 'validationMessage']);
/** Assignments to these members a person reads. */
const SHOWN_MEMBERS = new Set(['title', 'placeholder', 'prompt', 'description', 'tooltip', 'text', 'message', 'validationMessage']);

/** Words a person reads: letters, not an id, a path, a codicon or a format. */
function hasWords(text: string): boolean {
  const prose = text
    .replace(/\$\([\w~-]+\)/g, ' ')
    .replace(/\{\d+\}/g, ' ')
    .trim();
  // One token: a capitalised word ("Retry") is read; an id, a path, a query or a setting name is not.
  if (/^[\w.:/#=&-]*$/.test(prose)) return /^[A-Z][a-z]{2,}$/.test(prose);
  // A request line ("GET /accounts/{id}/publish/tasks") is protocol, not prose.
  if (/^(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \/\S*$/.test(prose.replace(/\/ +\//g, '/x/'))) return false;
  return /[A-Za-z]{3,}/.test(prose);
}

function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
  if (ts.isConditionalExpression(node))
    return [literalText(node.whenTrue), literalText(node.whenFalse)].filter(Boolean).join(' ') || undefined;
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken)
    return [literalText(node.left), literalText(node.right)].filter(Boolean).join(' ') || undefined;
  return undefined;
}

function calleeName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const e = call.expression;
  return ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined;
}

interface Leak {
  at: string;
  text: string;
}

function leaksIn(file: string, options: { core: boolean }): Leak[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const leaks: Leak[] = [];
  const report = (node: ts.Node, text: string): void => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    leaks.push({ at: `${path.relative(repoRoot, file)}:${line + 1}`, text: text.slice(0, 100) });
  };
  const check = (node: ts.Node | undefined): void => {
    if (!node) return;
    const text = literalText(node);
    if (text !== undefined && hasWords(text)) report(node, text);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const name = calleeName(node);
      // Inside l10n.t( … ) every string is the message to translate: nothing to look at below.
      if (name === 't' && ts.isPropertyAccessExpression(node.expression) && /l10n$/.test(node.expression.expression.getText(source)))
        return;
      if (name && MESSAGE_CALLS.has(name)) node.arguments?.forEach(check);
      if (name === 'FrameError' && ts.isNewExpression(node)) check(node.arguments?.[1]);
      if (name === 'Error' && ts.isNewExpression(node) && !options.core) check(node.arguments?.[0]);
      if (name === 'TreeItem' || name === 'TestMessage' || name === 'CodeLens') node.arguments?.forEach(check);
    }
    if (!options.core && ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && SHOWN_PROPERTIES.has(node.name.text))
      check(node.initializer);
    if (
      !options.core &&
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(node.left) &&
      SHOWN_MEMBERS.has(node.left.name.text)
    )
      check(node.right);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return leaks;
}

function sourceFiles(dir: string): string[] {
  return (fs.readdirSync(path.join(repoRoot, dir), { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => path.join(repoRoot, dir, f));
}

describe('localization: strings that reach people go through l10n.t', () => {
  it('finds a literal in each kind of sink (the scan itself)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frame-sinks-'));
    const file = path.join(dir, 'sample.ts');
    fs.writeFileSync(
      file,
      [
        "void vscode.window.showErrorMessage('Could not read the report', 'Retry');",
        "void vscode.window.showInformationMessage(vscode.l10n.t('Loaded {0} accounts', n));",
        "const pick = { label: 'Add Connection', description: vscode.l10n.t('Web API') };",
        'item.tooltip = `Signed in as ${user}`;',
        "throw new FrameError('network', 'Frame did not answer');",
        "const id = { label: 'frameAdmin.accounts' };",
        "const line = { label: `GET /accounts/${id}/publish/tasks`, placeHolder: 'date_from=2026-01-01&date_to=2026-01-31' };",
      ].join('\n'),
    );
    try {
      assert.deepEqual(
        leaksIn(file, { core: false }).map((l) => l.text),
        ['Could not read the report', 'Retry', 'Add Connection', 'Signed in as  ', 'Frame did not answer'],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('src/: no notification, modal, picker, input box, tree item or error message is given a bare string', () => {
    const leaks = [
      ...sourceFiles('src')
        .filter((f) => !f.includes(`${path.sep}core${path.sep}`))
        .flatMap((f) => leaksIn(f, { core: false })),
      ...sourceFiles('src/core').flatMap((f) => leaksIn(f, { core: true })),
    ];
    assert.deepEqual(leaks, [], leaks.map((l) => `${l.at} ${JSON.stringify(l.text)}`).join('\n'));
  });
});
