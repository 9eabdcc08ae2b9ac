/**
 * A request file as parsed (REST Client's request syntax, httpYac's `??` assertions): what the
 * parser produces and the resolver, runner and editor read. Lines and columns are 0-based, as the
 * editor's positions are; messages for people show them 1-based.
 */
import * as l10n from '@vscode/l10n';

/** A place in the file: one line, from `column` to `endColumn` (exclusive). */
export interface Span {
  line: number;
  column: number;
  endColumn: number;
}

export interface Diagnostic extends Span {
  message: string;
}

/** `@name = value`: a file variable (REST Client's are global to the file, wherever written). */
export interface FileVariable {
  name: string;
  /** The value as written, `{{…}}` unresolved. */
  value: string;
  /** Where the value starts. */
  span: Span;
}

/** Text from the file that may hold `{{…}}`, with where it starts (for error positions). */
export interface Template {
  text: string;
  span: Span;
}

export interface Header {
  name: string;
  value: Template;
}

export const ASSERTION_FIELDS = ['status', 'header', 'duration', 'body', 'jsonpath'] as const;
export type AssertionField = (typeof ASSERTION_FIELDS)[number];

export const CONDITIONS = ['==', '!=', '<', '<=', '>', '>=', 'includes', 'startsWith', 'exists'] as const;
export type Condition = (typeof CONDITIONS)[number];

/** `?? FIELD [ARG] CONDITION [VALUE]`, e.g. `?? header content-type includes json`. */
export interface Assertion {
  field: AssertionField;
  /** The header name (`header`) or the JSONPath (`jsonpath`). */
  argument?: string;
  condition: Condition;
  /** The expected value as written (may hold `{{…}}`); absent for `exists`. */
  expected?: Template;
  /** The line as written after `??`, for reports. */
  text: string;
  span: Span;
}

export interface ParsedRequest {
  /** `# @name` (letters, digits, `_`, `-`): other requests reference its response by it. */
  name?: string;
  /** `# @connection`: the saved connection it goes to (sticky: it holds for the requests below). */
  connection?: string;
  method: string;
  /** The URL as written (query continuation lines joined), `{{…}}` unresolved. */
  url: Template;
  headers: Header[];
  /** Everything after the first blank line below the headers, trailing blank lines removed. */
  body?: Template;
  assertions: Assertion[];
  /** The request line and the last line of its block. */
  firstLine: number;
  lastLine: number;
}

export interface RequestFile {
  variables: FileVariable[];
  requests: ParsedRequest[];
  /** Malformed lines; a file with any is not run. */
  diagnostics: Diagnostic[];
}

/** "line 3, column 7" for people (1-based). */
export function describeSpan(span: Span): string {
  return l10n.t('line {0}, column {1}', span.line + 1, span.column + 1);
}
