/**
 * JSON text of any value, without recursion. `JSON.stringify` recurses: a response nested 5,000
 * deep threw "Maximum call stack size exceeded", and the fallbacks around it showed
 * `[object Object]`. This writer keeps its own stack, so any depth renders; otherwise it writes
 * what `JSON.stringify` writes (same spacing, `toJSON` honoured, undefined and functions left out
 * of objects and `null` in arrays), a cycle as "[Circular]" and a BigInt as text.
 */

interface Frame {
  value: object;
  keys: string[] | undefined;
  length: number;
  index: number;
  depth: number;
}

const SKIPPED = new Set(['undefined', 'function', 'symbol']);
/** Indentation stops growing past this depth: 100,000 levels indented in full would be ~10^10 spaces. */
const MAX_INDENT_DEPTH = 64;

export function jsonStringify(value: unknown, indent = 0): string {
  const out: string[] = [];
  const stack: Frame[] = [];
  const open = new Set<object>();
  const newline = (depth: number) => (indent > 0 ? '\n' + ' '.repeat(indent * Math.min(depth, MAX_INDENT_DEPTH)) : '');

  /** Writes a scalar, or opens a container (its items follow from the loop). */
  const emit = (raw: unknown, key: string, depth: number, inArray: boolean): void => {
    const v = withToJson(raw, key);
    if (v === null) return void out.push('null');
    switch (typeof v) {
      case 'string':
        return void out.push(JSON.stringify(v));
      case 'number':
        return void out.push(Number.isFinite(v) ? String(v) : 'null');
      case 'boolean':
        return void out.push(String(v));
      case 'bigint':
        return void out.push(JSON.stringify(String(v)));
      case 'object': {
        if (open.has(v)) return void out.push('"[Circular]"');
        open.add(v);
        if (Array.isArray(v)) {
          out.push('[');
          stack.push({ value: v, keys: undefined, length: v.length, index: 0, depth });
        } else {
          const keys = Object.keys(v).filter((k) => !SKIPPED.has(typeof withToJson((v as Record<string, unknown>)[k], k)));
          out.push('{');
          stack.push({ value: v, keys, length: keys.length, index: 0, depth });
        }
        return;
      }
      default:
        // undefined, a function or a symbol: `null` in an array (objects leave the key out).
        return void out.push(inArray ? 'null' : '');
    }
  };

  emit(value, '', 0, false);
  while (stack.length > 0) {
    const f = stack[stack.length - 1]!;
    if (f.index === f.length) {
      out.push((f.length > 0 ? newline(f.depth) : '') + (f.keys ? '}' : ']'));
      open.delete(f.value);
      stack.pop();
      continue;
    }
    const i = f.index++;
    out.push((i > 0 ? ',' : '') + newline(f.depth + 1));
    if (f.keys) {
      const key = f.keys[i]!;
      out.push(JSON.stringify(key) + (indent > 0 ? ': ' : ':'));
      emit((f.value as Record<string, unknown>)[key], key, f.depth + 1, false);
    } else {
      emit((f.value as unknown[])[i], String(i), f.depth + 1, true);
    }
  }
  return out.join('');
}

function withToJson(v: unknown, key: string): unknown {
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    try {
      return (v as { toJSON: (k: string) => unknown }).toJSON(key);
    } catch {
      return String(v);
    }
  }
  return v;
}
