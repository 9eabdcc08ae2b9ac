/**
 * Which requests a request needs answered first: the named requests its `{{name.response…}}`
 * references read, directly or through file variables, and theirs in turn. Running one request
 * from the Test Explorer sends these before it, in file order.
 */
import type { ParsedRequest, RequestFile, Template } from './model';
import { parseExpression, splitTemplate } from './templates';

/** The names of the requests a template reads (through variables too; cycles are the parser's to report). */
function requestsRead(template: Template, variables: ReadonlyMap<string, string>, seen: Set<string>, out: Set<string>): void {
  const split = splitTemplate(template);
  if ('error' in split) return;
  for (const piece of split.pieces) {
    if (piece.kind !== 'expression') continue;
    const expr = parseExpression(piece.source);
    if ('error' in expr) continue;
    if (expr.kind === 'responseBody' || expr.kind === 'responseHeader') out.add(expr.request);
    else if (expr.kind === 'variable' && !seen.has(expr.name)) {
      const value = variables.get(expr.name);
      if (value === undefined) continue;
      seen.add(expr.name);
      requestsRead({ text: value, span: template.span }, variables, seen, out);
    }
  }
}

/** Every template of a request: URL, header values, body, assertion values. */
export function templatesOf(request: ParsedRequest): Template[] {
  return [
    request.url,
    ...request.headers.map((h) => h.value),
    ...(request.body ? [request.body] : []),
    ...request.assertions.flatMap((a) => (a.expected ? [a.expected] : [])),
  ];
}

/**
 * The indexes of `wanted` and of every request they need (transitively), in file order. A reference
 * reads only a request above it (the parser's rule), so this always ends.
 */
export function withDependencies(file: RequestFile, wanted: Iterable<number>): number[] {
  const variables = new Map(file.variables.map((v) => [v.name, v.value]));
  const byName = new Map<string, number>();
  file.requests.forEach((r, i) => r.name && !byName.has(r.name) && byName.set(r.name, i));
  const needed = new Set<number>();
  const queue = [...wanted].filter((i) => i >= 0 && i < file.requests.length);
  while (queue.length) {
    const index = queue.pop()!;
    if (needed.has(index)) continue;
    needed.add(index);
    const names = new Set<string>();
    for (const t of templatesOf(file.requests[index]!)) requestsRead(t, variables, new Set(), names);
    for (const name of names) {
      const dep = byName.get(name);
      if (dep !== undefined && dep < index && !needed.has(dep)) queue.push(dep);
    }
  }
  return [...needed].sort((a, b) => a - b);
}
