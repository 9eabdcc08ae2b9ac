/**
 * The request-file parser: REST Client's syntax for requests (`###` separators, request line,
 * headers, a blank line, the body; `@name = value` file variables; `# @name` and `# @connection`
 * metadata) and httpYac's `?? FIELD CONDITION VALUE` assertion lines. It never throws: malformed
 * lines become diagnostics with their position, and a file with diagnostics is not run.
 */
import * as l10n from '@vscode/l10n';
import {
  ASSERTION_FIELDS,
  CONDITIONS,
  type Assertion,
  type AssertionField,
  type Condition,
  type Diagnostic,
  type FileVariable,
  type ParsedRequest,
  type RequestFile,
  type Span,
  type Template,
} from './model';
import { NAME, parseExpression, splitTemplate } from './templates';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE'];

/** RFC 9110 token: a header name. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

type State = 'before' | 'headers' | 'body';

export function parseRequestFile(input: string): RequestFile {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const lines = text.split(/\r\n|\r|\n/);
  const variables: FileVariable[] = [];
  const requests: ParsedRequest[] = [];
  const diagnostics: Diagnostic[] = [];
  const report = (line: number, column: number, endColumn: number, message: string): void =>
    void diagnostics.push({ line, column, endColumn: Math.max(endColumn, column + 1), message });

  let connection: string | undefined;
  let state: State = 'before';
  let current: ParsedRequest | undefined;
  let pendingName: { name: string; line: number } | undefined;
  let pendingAssertions: Assertion[] = [];
  let body: string[] = [];
  let bodyLine = 0;

  const endBlock = (lastLine: number): void => {
    if (current) {
      while (body.length && body[body.length - 1]!.trim() === '') body.pop();
      if (body.length) current.body = { text: body.join('\n'), span: { line: bodyLine, column: 0, endColumn: 1 } };
      current.lastLine = lastLine;
      requests.push(current);
    } else {
      if (pendingName)
        report(
          pendingName.line,
          0,
          lines[pendingName.line]!.length,
          l10n.t('"# @name {0}" names no request: put it just above a request line.', pendingName.name),
        );
      for (const a of pendingAssertions)
        report(a.span.line, 0, a.span.endColumn, l10n.t('This assertion belongs to no request: put it below a request line.'));
    }
    current = undefined;
    pendingName = undefined;
    pendingAssertions = [];
    body = [];
    state = 'before';
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.trim();
    if (/^###/.test(trimmed)) {
      endBlock(i - 1);
      continue;
    }
    if (/^\?\?(\s|$)/.test(trimmed)) {
      const parsed = parseAssertion(line, i);
      if ('error' in parsed) report(i, 0, line.length, parsed.error);
      else (current ? current.assertions : pendingAssertions).push(parsed);
      continue;
    }
    if (state === 'body') {
      if (!body.length) bodyLine = i;
      body.push(line);
      continue;
    }
    if (trimmed === '') {
      if (state === 'headers') state = 'body';
      continue;
    }
    const comment = /^(#|\/\/)\s*(.*)$/.exec(trimmed);
    if (comment) {
      const meta = /^@([\w-]+)(?:\s+(.*))?$/.exec(comment[2] ?? '');
      if (!meta || state !== 'before') continue;
      const [, key = '', value = ''] = meta;
      const column = line.indexOf('@');
      if (key === 'name') {
        if (!/^[A-Za-z_][\w-]*$/.test(value.trim()))
          report(i, column, line.length, l10n.t('"# @name" needs one name (letters, digits, "_" and "-"), e.g. "# @name login".'));
        else pendingName = { name: value.trim(), line: i };
      } else if (key === 'connection') {
        if (!value.trim()) report(i, column, line.length, l10n.t('"# @connection" needs the name of a saved connection.'));
        else connection = value.trim();
      }
      // Other metadata (REST Client's @note, @no-redirect…) is a comment here.
      continue;
    }
    if (state === 'before' && trimmed.startsWith('@')) {
      const variable = /^@([^\s=]*)\s*=\s*(.*)$/.exec(trimmed);
      const name = variable?.[1] ?? '';
      if (!variable || !NAME.test(name)) {
        report(
          i,
          line.indexOf('@'),
          line.length,
          l10n.t('A file variable is written "@name = value" (the name in letters, digits, "_", "-" and ".").'),
        );
        continue;
      }
      const value = (variable[2] ?? '').trimEnd();
      const column = line.length - line.trimStart().length + trimmed.indexOf(variable[2] ?? '', name.length + 1);
      variables.push({ name, value, span: { line: i, column, endColumn: column + Math.max(1, value.length) } });
      continue;
    }
    if (state === 'before') {
      const parsed = parseRequestLine(line, i);
      if ('error' in parsed) {
        report(i, 0, line.length, parsed.error);
        // Skip to the next separator: the rest of this block would only repeat the error.
        state = 'body';
        current = undefined;
        body = [];
        while (i + 1 < lines.length && !/^###/.test(lines[i + 1]!.trim())) i++;
        continue;
      }
      current = {
        name: pendingName?.name,
        connection,
        method: parsed.method,
        url: parsed.url,
        headers: [],
        assertions: pendingAssertions,
        firstLine: i,
        lastLine: i,
      };
      pendingName = undefined;
      pendingAssertions = [];
      state = 'headers';
      continue;
    }
    // state === 'headers'
    if (current && current.headers.length === 0 && /^[?&]/.test(trimmed)) {
      current.url.text += trimmed; // REST Client's multi-line query
      continue;
    }
    const header = /^([^:\s]+)\s*:\s?(.*)$/.exec(trimmed);
    const indent = line.length - line.trimStart().length;
    if (!header || !TOKEN.test(header[1] ?? '')) {
      report(
        i,
        indent,
        line.length,
        l10n.t(
          'Expected a header ("Name: value") or a blank line before the body. Header names are letters, digits and {0}.',
          "-_.!#$%&'*+^`|~",
        ),
      );
      continue;
    }
    if (/^(authorization|x-frame-)/i.test(header[1]!)) {
      report(
        i,
        indent,
        line.length,
        l10n.t('The connection signs every request: remove the {0} header (the signer adds its own).', header[1]!),
      );
      continue;
    }
    const value = (header[2] ?? '').trim();
    const column = indent + trimmed.length - (header[2] ?? '').trimStart().length;
    current!.headers.push({
      name: header[1]!,
      value: { text: value, span: { line: i, column, endColumn: column + Math.max(1, value.length) } },
    });
  }
  endBlock(lines.length - 1);

  checkNames(variables, requests, report);
  checkTemplates(variables, requests, diagnostics);
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  return { variables, requests, diagnostics };
}

function parseRequestLine(line: string, lineNo: number): { method: string; url: Template } | { error: string } {
  const indent = line.length - line.trimStart().length;
  const trimmed = line.trim();
  const withMethod = /^([A-Za-z]+)\s+(\S.*?)(\s+HTTP\/\d(\.\d)?)?$/.exec(trimmed);
  let method = 'GET';
  let url = trimmed.replace(/\s+HTTP\/\d(\.\d)?$/, '');
  let column = indent;
  if (withMethod && METHODS.includes((withMethod[1] ?? '').toUpperCase())) {
    method = (withMethod[1] ?? '').toUpperCase();
    url = withMethod[2] ?? '';
    column = indent + trimmed.indexOf(url, method.length);
  } else if (withMethod && /^[A-Z]+$/.test(withMethod[1] ?? '') && !/^https?:/i.test(trimmed)) {
    return {
      error: l10n.t('"{0}" is not an HTTP method this runner sends: use {1}.', (withMethod[1] ?? '').slice(0, 20), METHODS.join(', ')),
    };
  }
  if (!/^(\/|https?:\/\/|\{\{)/i.test(url))
    return {
      error: l10n.t(
        'Expected a request line ("GET /accounts/" or "POST https://…"), a file variable ("@name = value") or a comment ("# …"). A URL starts with "/" (below the connection\'s base URL) or http(s)://.',
      ),
    };
  if (/\s/.test(url.replace(/\{\{[^}]*\}\}/g, '')))
    return { error: l10n.t('The URL has a space in it: write it as %20, or put the value in a variable.') };
  return { method, url: { text: url, span: { line: lineNo, column, endColumn: column + url.length } } };
}

function parseAssertion(line: string, lineNo: number): Assertion | { error: string } {
  const start = line.indexOf('??');
  const text = line.slice(start + 2).trim();
  const span: Span = { line: lineNo, column: start, endColumn: line.length };
  const fields = ASSERTION_FIELDS.join(', ');
  const conditions = CONDITIONS.join(' ');
  const words = /^(\S+)\s*(.*)$/.exec(text);
  if (!words)
    return { error: l10n.t('An assertion is written "?? FIELD CONDITION VALUE", e.g. "?? status == 200" (fields: {0}).', fields) };
  const field = words[1] as AssertionField;
  if (!(ASSERTION_FIELDS as readonly string[]).includes(field))
    return { error: l10n.t('"{0}" is not an assertion field: use one of {1}.', field.slice(0, 30), fields) };
  let rest = words[2] ?? '';
  let argument: string | undefined;
  if (field === 'header' || field === 'jsonpath') {
    const arg = /^(\S+)\s*(.*)$/.exec(rest);
    if (!arg || (CONDITIONS as readonly string[]).includes(arg[1] ?? ''))
      return {
        error:
          field === 'header'
            ? l10n.t('"?? header" needs a header name, e.g. "?? header content-type includes json".')
            : l10n.t('"?? jsonpath" needs an expression, e.g. "?? jsonpath $[0].name exists".'),
      };
    argument = arg[1];
    rest = arg[2] ?? '';
    if (field === 'jsonpath' && !argument!.startsWith('$'))
      return { error: l10n.t('The JSONPath "{0}" should start with "$" (the body), e.g. $.name or $[0].id.', argument!.slice(0, 40)) };
  }
  const cond = /^(\S+)\s*(.*)$/.exec(rest);
  const condition = cond?.[1] as Condition | undefined;
  if (!condition || !(CONDITIONS as readonly string[]).includes(condition))
    return {
      error: condition
        ? l10n.t('"{0}" is not a condition: use one of {1}.', condition.slice(0, 20), conditions)
        : l10n.t('The condition is missing: use one of {0}.', conditions),
    };
  const value = cond?.[2] ?? '';
  if (condition === 'exists') {
    if (value) return { error: l10n.t('"exists" takes no value; remove "{0}".', value.slice(0, 30)) };
    return { field, argument, condition, text, span };
  }
  if (!value) return { error: l10n.t('"{0}" needs a value to compare with, e.g. "?? status {0} 200".', condition) };
  const column = line.trimEnd().length - value.length; // the value ends the line
  return {
    field,
    argument,
    condition,
    expected: { text: value, span: { line: lineNo, column, endColumn: column + value.length } },
    text,
    span,
  };
}

/** Duplicate names. */
function checkNames(
  variables: FileVariable[],
  requests: ParsedRequest[],
  report: (l: number, c: number, e: number, m: string) => void,
): void {
  const seen = new Set<string>();
  for (const v of variables) {
    if (seen.has(v.name)) report(v.span.line, 0, v.span.endColumn, l10n.t('The file variable "{0}" is defined twice: keep one.', v.name));
    seen.add(v.name);
  }
  const named = new Set<string>();
  for (const r of requests) {
    if (!r.name) continue;
    if (named.has(r.name))
      report(r.firstLine - 1 >= 0 ? r.firstLine - 1 : r.firstLine, 0, 1, l10n.t('Two requests are named "{0}": rename one.', r.name));
    named.add(r.name);
  }
}

/**
 * Every `{{…}}` must be readable and name something: a file variable (without a cycle), a request
 * above with `# @name`, or a system variable. Checked before anything is sent. Each variable is read
 * once (memoized), so a hostile chain of variables that each use the next twice stays linear.
 */
function checkTemplates(variables: FileVariable[], requests: ParsedRequest[], diagnostics: Diagnostic[]): void {
  const byName = new Map(variables.map((v) => [v.name, v]));
  const requestIndex = new Map<string, number>();
  requests.forEach((r, i) => r.name && !requestIndex.has(r.name) && requestIndex.set(r.name, i));
  /** The requests a variable reads, directly or through other variables. */
  const reads = new Map<string, ReadonlySet<string>>();
  const visiting = new Set<string>();

  const expressionsOf = (template: Template): { source: string; span: Span }[] => {
    const split = splitTemplate(template);
    if ('error' in split) {
      diagnostics.push({ ...split.span, message: split.error });
      return [];
    }
    return split.pieces.flatMap((p) => (p.kind === 'expression' ? [p] : []));
  };

  /** Checks a template's names; returns the requests it reads (for the "above" rule) and where. */
  const check = (template: Template, trail: string): Map<string, Span> => {
    const read = new Map<string, Span>();
    for (const piece of expressionsOf(template)) {
      const expr = parseExpression(piece.source);
      const at = (message: string): void => void diagnostics.push({ ...piece.span, message });
      if ('error' in expr) at(expr.error);
      else if (expr.kind === 'variable') {
        if (!byName.has(expr.name)) at(l10n.t('Unknown variable "{0}": define it with "@{0} = value", or fix the name.', expr.name));
        else if (visiting.has(expr.name))
          at(l10n.t('The variable "{0}" refers back to itself (through {1}): break the cycle.', expr.name, trail));
        else for (const r of readsOf(expr.name)) if (!read.has(r)) read.set(r, piece.span);
      } else if (expr.kind === 'responseBody' || expr.kind === 'responseHeader') {
        if (!requestIndex.has(expr.request))
          at(l10n.t('No request is named "{0}": add "# @name {0}" above the request whose response you mean.', expr.request));
        else if (!read.has(expr.request)) read.set(expr.request, piece.span);
        if (expr.kind === 'responseBody' && expr.path !== '*' && !expr.path.startsWith('$'))
          at(l10n.t('The JSONPath "{0}" should start with "$" (or be "*" for the whole body).', expr.path.slice(0, 40)));
      }
    }
    return read;
  };

  const readsOf = (name: string): ReadonlySet<string> => {
    const known = reads.get(name);
    if (known) return known;
    const v = byName.get(name)!;
    visiting.add(name);
    const read = new Set(check({ text: v.value, span: v.span }, `"${name}"`).keys());
    visiting.delete(name);
    reads.set(name, read);
    return read;
  };

  for (const v of variables) readsOf(v.name);
  requests.forEach((r, position) => {
    const templates = [
      r.url,
      ...r.headers.map((h) => h.value),
      ...(r.body ? [r.body] : []),
      ...r.assertions.flatMap((a) => (a.expected ? [a.expected] : [])),
    ];
    for (const t of templates)
      for (const [name, span] of check(t, l10n.t('this request'))) {
        const index = requestIndex.get(name)!;
        if (index < position) continue;
        diagnostics.push({
          ...span,
          message:
            index === position
              ? l10n.t('"{0}" is this request: a reference can only read the response of a request above it.', name)
              : l10n.t('The request "{0}" comes later in the file: a reference can only read the response of a request above it.', name),
        });
      }
  });
  dedupe(diagnostics);
}

/** A variable used in many places reports its own problem once. */
function dedupe(diagnostics: Diagnostic[]): void {
  const seen = new Set<string>();
  for (let i = diagnostics.length - 1; i >= 0; i--) {
    const d = diagnostics[i]!;
    const key = `${d.line}:${d.column}:${d.message}`;
    if (seen.has(key)) diagnostics.splice(i, 1);
    else seen.add(key);
  }
}
