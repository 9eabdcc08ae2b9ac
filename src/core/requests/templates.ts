/**
 * `{{…}}` in request-file text: splitting a template into literal text and expressions, and what an
 * expression names (a file variable, a named request's response, a process environment variable).
 */
import * as l10n from '@vscode/l10n';
import type { Span, Template } from './model';

export type Piece = { kind: 'text'; text: string } | { kind: 'expression'; source: string; span: Span };

/** What `{{…}}` refers to. */
export type Expression =
  | { kind: 'variable'; name: string }
  | { kind: 'processEnv'; name: string }
  | { kind: 'guid' }
  | { kind: 'timestamp' }
  | { kind: 'responseBody'; request: string; path: string }
  | { kind: 'responseHeader'; request: string; header: string };

/** Names of variables and requests: letters, digits, `_`, `-` and `.` (not first). */
export const NAME = /^[A-Za-z_][\w.-]*$/;

/** Places of offsets in a template that may span lines, read forward once (a 10 MB body stays linear). */
class Positions {
  private offset = 0;
  private line: number;
  private column: number;

  constructor(private readonly template: Template) {
    this.line = template.span.line;
    this.column = template.span.column;
  }

  /** The span of `length` characters at `offset` (offsets asked in increasing order). */
  at(offset: number, length: number): Span {
    const { text } = this.template;
    for (; this.offset < offset; this.offset++) {
      if (text.charCodeAt(this.offset) === 10) {
        this.line++;
        this.column = 0;
      } else this.column++;
    }
    return { line: this.line, column: this.column, endColumn: this.column + Math.max(1, length) };
  }
}

/** The template's pieces, or where it goes wrong (an unterminated `{{`, an empty `{{}}`). */
export function splitTemplate(template: Template): { pieces: Piece[] } | { error: string; span: Span } {
  const { text } = template;
  const positions = new Positions(template);
  const pieces: Piece[] = [];
  let at = 0;
  for (;;) {
    const open = text.indexOf('{{', at);
    if (open < 0) break;
    const close = text.indexOf('}}', open + 2);
    // Looked for between the braces only: scanning to the end for each "{{" was quadratic.
    const inside = close < 0 ? '' : text.slice(open + 2, close);
    if (close < 0 || inside.includes('\n') || inside.includes('{{')) {
      return {
        error: l10n.t('This "{0}" is never closed with "{1}" on its line: close it, or remove it.', '{{', '}}'),
        span: positions.at(open, 2),
      };
    }
    if (open > at) pieces.push({ kind: 'text', text: text.slice(at, open) });
    const source = inside.trim();
    const span = positions.at(open, close + 2 - open);
    if (!source) return { error: l10n.t('"{0}" names nothing: write a variable name inside, or remove it.', '{{}}'), span };
    pieces.push({ kind: 'expression', source, span });
    at = close + 2;
  }
  if (at < text.length) pieces.push({ kind: 'text', text: text.slice(at) });
  return { pieces };
}

/** What an expression refers to, or a message saying why it cannot be read. */
export function parseExpression(source: string): Expression | { error: string } {
  if (source.startsWith('$')) {
    const [word, ...rest] = source.split(/\s+/);
    if (word === '$processEnv') {
      const name = rest.join(' ');
      if (rest.length === 1 && /^[A-Za-z_]\w*$/.test(name)) return { kind: 'processEnv', name };
      return {
        error: l10n.t('"{0}" needs one environment variable name, e.g. {1}.', `{{${source}}}`, '{{$processEnv FRAME_ACCOUNT_ID}}'),
      };
    }
    if (word === '$guid' && rest.length === 0) return { kind: 'guid' };
    if (word === '$timestamp' && rest.length === 0) return { kind: 'timestamp' };
    return {
      error: l10n.t(
        '"{0}" is not a system variable this runner knows: use $processEnv NAME, $guid or $timestamp.',
        `{{${source.slice(0, 60)}}}`,
      ),
    };
  }
  const reference = /^([A-Za-z_][\w-]*)\.(response|request)\.(body|headers)\.(.+)$/s.exec(source);
  if (reference) {
    const [, request = '', part = '', section = '', rest = ''] = reference;
    if (part === 'request')
      return {
        error: l10n.t(
          '"{0}" reads the request; only responses can be referenced here ({1}).',
          `{{${source.slice(0, 60)}}}`,
          `{{${request}.response.body.$.id}}`,
        ),
      };
    if (section === 'headers') return { kind: 'responseHeader', request, header: rest.trim() };
    return { kind: 'responseBody', request, path: rest.trim() };
  }
  if (/^[A-Za-z_][\w-]*\.response\b/.test(source))
    return {
      error: l10n.t(
        '"{0}" is not a whole reference: write {1} or {2}.',
        `{{${source.slice(0, 60)}}}`,
        '{{name.response.body.$.field}}',
        '{{name.response.headers.Header-Name}}',
      ),
    };
  if (NAME.test(source)) return { kind: 'variable', name: source };
  return { error: l10n.t('"{0}" is not a variable name (letters, digits, "_", "-" and ".").', `{{${source.slice(0, 60)}}}`) };
}
