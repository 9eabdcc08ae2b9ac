/**
 * Evaluating `??` assertions against one answer: each result says what was expected and what the
 * response had, for the test report.
 */
import * as l10n from '@vscode/l10n';
import type { Assertion } from './model';
import { evaluateJsonPath, jsonText } from './jsonPath';
import type { ResponseRecord } from './resolve';

export interface AssertionResult {
  /** The assertion as written after `??`. */
  text: string;
  passed: boolean;
  /** The expected value after `{{…}}` were resolved ("exists" for exists). */
  expected: string;
  /** What the response had ("(none)" when it had nothing there), shortened for reports. */
  actual: string;
  line: number;
}

/** Longest actual value quoted in a report. */
const SHOWN = 300;

/**
 * The assertion's verdict. `expected` is the resolved value (undefined for exists); `durationMs` the
 * time from sending to the whole body.
 */
export function evaluateAssertion(
  assertion: Assertion,
  expected: string | undefined,
  response: ResponseRecord,
  durationMs: number,
): AssertionResult {
  const { actual, error } = actualValue(assertion, response, durationMs);
  const shown = error ?? (actual === undefined ? l10n.t('(none)') : shorten(jsonText(actual)));
  const result = (passed: boolean): AssertionResult => ({
    text: assertion.text,
    passed,
    expected: assertion.condition === 'exists' ? 'exists' : `${assertion.condition} ${expected ?? ''}`,
    actual: shown,
    line: assertion.span.line,
  });
  if (error !== undefined) return result(false);
  if (assertion.condition === 'exists') return result(actual !== undefined && !(assertion.field === 'body' && actual === ''));
  if (actual === undefined || expected === undefined) return result(false);
  return result(compare(actual, assertion.condition, expected));
}

function actualValue(assertion: Assertion, response: ResponseRecord, durationMs: number): { actual?: unknown; error?: string } {
  switch (assertion.field) {
    case 'status':
      return { actual: response.status };
    case 'duration':
      return { actual: Math.round(durationMs) };
    case 'body':
      return { actual: response.text };
    case 'header':
      return { actual: response.headers[(assertion.argument ?? '').toLowerCase()] };
    case 'jsonpath': {
      if (response.json === undefined) return { error: l10n.t('(the body is not JSON)') };
      try {
        const found = evaluateJsonPath(response.json, assertion.argument ?? '$');
        return found.found ? { actual: found.value } : {};
      } catch (e) {
        return { error: (e as Error).message };
      }
    }
  }
}

function compare(actual: unknown, condition: Exclude<Assertion['condition'], 'exists'>, expectedText: string): boolean {
  const expected = unquote(expectedText);
  switch (condition) {
    case '==':
      return equal(actual, expectedText);
    case '!=':
      return !equal(actual, expectedText);
    case 'includes':
      return jsonText(actual).includes(expected);
    case 'startsWith':
      return jsonText(actual).startsWith(expected);
    default: {
      const a = toNumber(actual);
      const b = toNumber(expected);
      if (a === undefined || b === undefined) return false;
      return condition === '<' ? a < b : condition === '<=' ? a <= b : condition === '>' ? a > b : a >= b;
    }
  }
}

/**
 * Numbers compare as numbers (`200` == `200.0`), strings with the expected text as written or as a
 * JSON string (`"Acme"`), anything else (true, null, objects) as JSON.
 */
function equal(actual: unknown, expectedText: string): boolean {
  if (typeof actual === 'number') return toNumber(expectedText) === actual;
  if (typeof actual === 'string') return actual === unquote(expectedText);
  try {
    return JSON.stringify(actual) === JSON.stringify(JSON.parse(expectedText));
  } catch {
    return JSON.stringify(actual) === expectedText;
  }
}

function unquote(text: string): string {
  if (/^".*"$/s.test(text)) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'string') return parsed;
    } catch {
      // Not a JSON string: compared as written.
    }
  }
  if (/^'.*'$/s.test(text)) return text.slice(1, -1);
  return text;
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?([eE][+-]?\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

function shorten(text: string): string {
  return text.length > SHOWN ? text.slice(0, SHOWN) + l10n.t('… ({0} characters)', text.length) : text;
}
