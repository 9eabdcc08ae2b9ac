/**
 * Resolving `{{…}}` for one request: file variables (recursion detected), the responses of named
 * requests above it, the process environment. Values taken from responses are percent-encoded
 * when they land in the URL (path segments refuse "." and ".."), so an id from an answer cannot
 * address another endpoint.
 */
import * as l10n from '@vscode/l10n';
import { randomUUID } from 'node:crypto';
import { FrameError } from '../errors';
import { pathSegment } from '../api/signedApi';
import { describeSpan, type FileVariable, type Span, type Template } from './model';
import { parseExpression, splitTemplate } from './templates';
import { evaluateJsonPath, jsonText } from './jsonPath';

/** What a named request answered, as references read it. */
export interface ResponseRecord {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  text: string;
  json?: unknown;
}

export interface ResolveContext {
  variables: readonly FileVariable[];
  /** Responses of the named requests sent so far. */
  responses: ReadonlyMap<string, ResponseRecord>;
  env: Readonly<Record<string, string | undefined>>;
}

/** Resolved text in pieces: whether each came from a response decides how the URL encodes it. */
interface Part {
  text: string;
  fromResponse: boolean;
}

/** Longest text a template may expand to: a variable used twice in each of 30 variables is 2^30 copies. */
const MAX_EXPANSION = 32 * 1024 * 1024;

export class Resolver {
  private readonly byName: Map<string, FileVariable>;
  private readonly memo = new Map<string, Part[]>();

  constructor(private readonly context: ResolveContext) {
    this.byName = new Map(context.variables.map((v) => [v.name, v]));
  }

  /** The template's text with every `{{…}}` replaced (headers, bodies, assertion values). */
  text(template: Template): string {
    return this.parts(template, [])
      .map((p) => p.text)
      .join('');
  }

  /**
   * The URL: values from responses percent-encoded (as one path segment in the path, as a query
   * component after "?"); text written in the file goes as written.
   */
  url(template: Template): string {
    let inQuery = false;
    let out = '';
    for (const part of this.parts(template, [])) {
      if (!part.fromResponse) {
        out += part.text;
        inQuery ||= /[?#]/.test(part.text);
      } else out += inQuery ? encodeURIComponent(part.text) : pathSegment(part.text, 'value taken from a response');
    }
    return out;
  }

  private parts(template: Template, trail: string[]): Part[] {
    const split = splitTemplate(template);
    if ('error' in split) throw problem(split.span, split.error);
    const out: Part[] = [];
    let size = 0;
    const push = (part: Part, span: Span): void => {
      size += part.text.length;
      if (size > MAX_EXPANSION)
        throw problem(
          span,
          l10n.t(
            'The variables here expand to more than {0} MiB of text: check for a variable that repeats another.',
            MAX_EXPANSION / 1024 / 1024,
          ),
        );
      out.push(part);
    };
    for (const piece of split.pieces) {
      if (piece.kind === 'text') {
        out.push({ text: piece.text, fromResponse: false });
        size += piece.text.length;
        continue;
      }
      for (const part of this.expression(piece.source, piece.span, trail)) push(part, piece.span);
    }
    return out;
  }

  private expression(source: string, span: Span, trail: string[]): Part[] {
    const expr = parseExpression(source);
    if ('error' in expr) throw problem(span, expr.error);
    switch (expr.kind) {
      case 'variable': {
        const v = this.byName.get(expr.name);
        if (!v) throw problem(span, l10n.t('Unknown variable "{0}": define it with "@{0} = value", or fix the name.', expr.name));
        if (trail.includes(expr.name))
          throw problem(
            span,
            l10n.t('The variable "{0}" refers back to itself ({1}): break the cycle.', expr.name, [...trail, expr.name].join(' → ')),
          );
        let parts = this.memo.get(expr.name);
        if (!parts) {
          parts = this.parts({ text: v.value, span: v.span }, [...trail, expr.name]);
          this.memo.set(expr.name, parts);
        }
        return parts;
      }
      case 'processEnv': {
        const value = this.context.env[expr.name];
        if (value === undefined)
          throw problem(
            span,
            l10n.t('The environment variable {0} is not set: set it before running, or write the value in the file.', expr.name),
          );
        return [{ text: value, fromResponse: false }];
      }
      case 'guid':
        return [{ text: randomUUID(), fromResponse: false }];
      case 'timestamp':
        return [{ text: String(Math.floor(Date.now() / 1000)), fromResponse: false }];
      case 'responseHeader': {
        const res = this.response(expr.request, span);
        const value = res.headers[expr.header.toLowerCase()];
        if (value === undefined)
          throw problem(span, l10n.t('The response to "{0}" (HTTP {1}) has no {2} header.', expr.request, res.status, expr.header));
        return [{ text: value, fromResponse: true }];
      }
      case 'responseBody': {
        const res = this.response(expr.request, span);
        if (expr.path === '*') return [{ text: res.text, fromResponse: true }];
        if (res.json === undefined)
          throw problem(
            span,
            l10n.t('The response to "{0}" (HTTP {1}) is not JSON, so {2} names nothing in it.', expr.request, res.status, expr.path),
          );
        let found;
        try {
          found = evaluateJsonPath(res.json, expr.path);
        } catch (e) {
          throw problem(span, (e as Error).message);
        }
        if (!found.found)
          throw problem(span, l10n.t('The response to "{0}" (HTTP {1}) has nothing at {2}.', expr.request, res.status, expr.path));
        return [{ text: jsonText(found.value), fromResponse: true }];
      }
    }
  }

  private response(name: string, span: Span): ResponseRecord {
    const res = this.context.responses.get(name);
    if (!res)
      throw problem(
        span,
        l10n.t('The request "{0}" has not answered yet: a reference reads the response of a named request above it that was sent.', name),
      );
    return res;
  }
}

function problem(span: Span, message: string): FrameError {
  return new FrameError('invalid-request', `${describeSpan(span)}: ${message}`);
}
