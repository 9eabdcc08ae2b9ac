/**
 * The JSONPath subset request files use to pick one value from a response: `$`, `.name`,
 * `['name']`, `["name"]`, `[index]` (negative counts from the end). No filters or wildcards: a path
 * names one value or nothing.
 */
import * as l10n from '@vscode/l10n';
import { FrameError } from '../errors';

type Step = string | number;

/** The steps of a path, or a FrameError saying where it cannot be read. */
export function parseJsonPath(path: string): Step[] {
  if (!path.startsWith('$'))
    throw new FrameError('invalid-request', l10n.t('The JSONPath "{0}" should start with "$", e.g. $.name or $[0].id.', path.slice(0, 60)));
  const steps: Step[] = [];
  let i = 1;
  const fail = (): never => {
    throw new FrameError(
      'invalid-request',
      l10n.t(
        'The JSONPath "{0}" cannot be read at position {1}: use $.name, $[\'name\'] or $[0] steps (no filters or wildcards).',
        path.slice(0, 60),
        i + 1,
      ),
    );
  };
  while (i < path.length) {
    if (path[i] === '.') {
      const m = /^[A-Za-z_$][\w$-]*/.exec(path.slice(i + 1));
      if (!m) fail();
      steps.push(m![0]);
      i += 1 + m![0].length;
    } else if (path[i] === '[') {
      const m = /^\[\s*(?:(-?\d+)|'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\s*\]/.exec(path.slice(i));
      if (!m) fail();
      steps.push(m![1] !== undefined ? Number(m![1]) : (m![2] ?? m![3] ?? '').replace(/\\(.)/g, '$1'));
      i += m![0].length;
    } else fail();
  }
  return steps;
}

/** The value the path names in `root`, or `{ found: false }`. */
export function evaluateJsonPath(root: unknown, path: string): { found: true; value: unknown } | { found: false } {
  let value = root;
  for (const step of parseJsonPath(path)) {
    if (typeof step === 'number') {
      if (!Array.isArray(value)) return { found: false };
      const index = step < 0 ? value.length + step : step;
      if (index < 0 || index >= value.length) return { found: false };
      value = value[index];
    } else {
      if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, step)) return { found: false };
      value = (value as Record<string, unknown>)[step];
    }
  }
  return { found: true, value };
}

/** A JSON value as text: strings as they are, everything else as JSON. */
export function jsonText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
