/**
 * Sending a request file's requests in order through SignedApi (the one signer and transport):
 * each answer, whatever its status, is kept for the references below it and checked against its
 * assertions. A request that cannot be built from the answers above fails and the rest still run;
 * a transport failure (no answer at all) stops the file.
 */
import * as l10n from '@vscode/l10n';
import { performance } from 'node:perf_hooks';
import { FrameError, isCancellation, userMessage } from '../errors';
import type { RawSignedRequest, SignedExchange } from '../api/signedApi';
import type { ParsedRequest, RequestFile, Template } from './model';
import { Resolver, type ResponseRecord } from './resolve';
import { evaluateAssertion, type AssertionResult } from './assertions';
import { fileBodyOf, readFileBody, type FileBodyPlaces } from './fileBody';

/** Where requests go: SignedApi, or anything that sends the same way. */
export interface RequestSender {
  exchange(req: RawSignedRequest): Promise<SignedExchange>;
}

export type Verdict = 'passed' | 'failed' | 'error' | 'skipped';

export interface RequestOutcome {
  /** The request's `# @name`, else its method and URL as written. */
  label: string;
  /** The request line (0-based). */
  line: number;
  verdict: Verdict;
  /** Why it failed without an assertion, errored or was skipped. */
  message?: string;
  response?: SignedExchange;
  durationMs?: number;
  assertions: AssertionResult[];
}

export interface RunOptions {
  /** The sender for a request's `# @connection` (the CLI has one connection for every request). */
  senderFor: (connection: string | undefined) => RequestSender | Promise<RequestSender>;
  env: Readonly<Record<string, string | undefined>>;
  signal?: AbortSignal;
  /** Told of each outcome as it is known (for progress output). */
  onOutcome?: (outcome: RequestOutcome) => void;
  /** Only these requests (by index) are sent; the others are passed over (the editor's "Send"). */
  only?: ReadonlySet<number>;
  /**
   * Answers of named requests, read by references and updated as requests answer: the editor keeps
   * one per document, so "Send" on a request reads what the requests above it answered last time.
   */
  responses?: Map<string, ResponseRecord>;
  /** Where `< path` bodies are read (absent: such a body is refused). */
  files?: FileBodyPlaces;
}

export function labelOf(request: ParsedRequest): string {
  return request.name ?? `${request.method} ${request.url.text}`;
}

/** A file with malformed lines is not run: the first few problems, for people. */
export function assertRunnable(file: RequestFile, fileName: string): void {
  if (!file.diagnostics.length) return;
  const shown = file.diagnostics.slice(0, 10).map((d) => `${fileName}:${d.line + 1}:${d.column + 1}: ${d.message}`);
  const more = file.diagnostics.length > 10 ? '\n' + l10n.t('… and {0} more', file.diagnostics.length - 10) : '';
  const head =
    file.diagnostics.length === 1
      ? l10n.t('{0} has 1 problem; nothing was sent:', fileName)
      : l10n.t('{0} has {1} problems; nothing was sent:', fileName, file.diagnostics.length);
  throw new FrameError('invalid-request', `${head}\n${shown.join('\n')}${more}`);
}

export async function runRequestFile(file: RequestFile, fileName: string, options: RunOptions): Promise<RequestOutcome[]> {
  assertRunnable(file, fileName);
  const responses = options.responses ?? new Map<string, ResponseRecord>();
  const outcomes: RequestOutcome[] = [];
  let stopped: string | undefined;
  const done = (outcome: RequestOutcome): void => {
    outcomes.push(outcome);
    options.onOutcome?.(outcome);
  };
  for (const [index, request] of file.requests.entries()) {
    if (options.only && !options.only.has(index)) continue;
    const base = { label: labelOf(request), line: request.firstLine, assertions: [] };
    if (stopped) {
      done({ ...base, verdict: 'skipped', message: stopped });
      continue;
    }
    if (options.signal?.aborted) throw new FrameError('cancelled', l10n.t('The run was cancelled.'));
    let raw: RawSignedRequest;
    const resolver = new Resolver({ variables: file.variables, responses, env: options.env });
    try {
      raw = {
        method: request.method,
        path: resolver.url(request.url),
        headers: Object.fromEntries(request.headers.map((h) => [h.name, resolver.text(h.value)])),
        body: request.body ? await bodyText(request.body, resolver, options.files) : undefined,
        signal: options.signal,
      };
    } catch (e) {
      done({ ...base, verdict: 'failed', message: l10n.t('Not sent: {0}', userMessage(e)) });
      continue;
    }
    let response: SignedExchange;
    const started = performance.now();
    try {
      response = await (await options.senderFor(request.connection)).exchange(raw);
    } catch (e) {
      if (isCancellation(e)) throw e;
      stopped = l10n.t('Not sent: "{0}" above got no answer.', labelOf(request));
      done({ ...base, verdict: 'error', message: userMessage(e) });
      continue;
    }
    const durationMs = performance.now() - started;
    if (request.name) responses.set(request.name, response);
    const assertions = request.assertions.map((a) => {
      let expected: string | undefined;
      try {
        expected = a.expected ? resolver.text(a.expected) : undefined;
      } catch (e) {
        return { text: a.text, passed: false, expected: `(${userMessage(e)})`, actual: l10n.t('(not compared)'), line: a.span.line };
      }
      return evaluateAssertion(a, expected, response, durationMs);
    });
    done({ ...base, verdict: assertions.every((a) => a.passed) ? 'passed' : 'failed', response, durationMs, assertions });
  }
  return outcomes;
}

/** A body as written, or the file a `< path` body names (its `{{…}}` resolved for `<@`). */
async function bodyText(body: Template, resolver: Resolver, files: FileBodyPlaces | undefined): Promise<string> {
  const ref = fileBodyOf(body);
  if (!ref) return resolver.text(body);
  const text = await readFileBody(ref, body, files);
  return ref.templated ? resolver.text({ text, span: body.span }) : text;
}

/** An outcome as lines for people (the CLI's output, the editor's Send All summary). */
export function describeOutcome(o: RequestOutcome): string {
  const mark = { passed: '✓', failed: '✗', error: '!', skipped: '-' }[o.verdict];
  const answer = o.response ? `  HTTP ${o.response.status}  ${o.response.url}  ${Math.round(o.durationMs ?? 0)} ms` : '';
  const lines = [`  ${mark} ${l10n.t('{0} (line {1})', o.label, o.line + 1)}${answer}`];
  if (o.message) lines.push(`      ${o.message.replace(/\n/g, '\n      ')}`);
  for (const a of o.assertions)
    if (!a.passed)
      lines.push(
        `      ${l10n.t('line {0}: ?? {1}', a.line + 1, a.text)}`,
        `        ${l10n.t({ message: 'expected: {0}', args: [a.expected], comment: ['Lined up with "actual:   {0}" below it.'] })}`,
        `        ${l10n.t({ message: 'actual:   {0}', args: [a.actual], comment: ['Lined up with "expected: {0}" above it.'] })}`,
      );
  return lines.join('\n') + '\n';
}
