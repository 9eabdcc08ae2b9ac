// What the pseudo-locale checks read (test/integration/pseudoLocale.test.ts, test/e2e/run-pseudo-e2e.js):
// the qps-ploc pseudo-localizer accents every letter, so a plain-ASCII word in what the extension
// shows did not go through localization, unless it is data (what Frame or the simulator served).

/** Things in a text that are not words of a sentence: placeholders, icons, code, links, e-mail addresses. */
const NOT_PROSE = [/\{\d+\}/g, /\$\([\w~-]+\)/g, /`[^`]*`/g, /\]\([^)]*\)/g, /\b(?:https?|command|file):\S+/g, /\b[\w.+-]+@[\w.-]+\b/g];

/** The plain-ASCII words (3+ letters) of `text` that are not data (lower-case words in `data`). */
export function unlocalizedWords(text: string, data: ReadonlySet<string>, notProse: readonly RegExp[] = []): string[] {
  let prose = text;
  for (const re of [...notProse, ...NOT_PROSE]) prose = prose.replace(re, ' ');
  return (prose.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !data.has(w.toLowerCase()));
}

/** Every word of every string inside `value` (plain objects, arrays, maps), lower-cased, into `into`. */
export function addWords(value: unknown, into = new Set<string>(), seen = new Set<unknown>()): Set<string> {
  if (typeof value === 'string') for (const w of value.match(/[A-Za-z]+/g) ?? []) into.add(w.toLowerCase());
  else if (value && typeof value === 'object' && !seen.has(value)) {
    seen.add(value);
    const proto = Object.getPrototypeOf(value) as unknown;
    if (value instanceof Map) for (const v of [...value.keys(), ...value.values()]) addWords(v, into, seen);
    else if (proto === Object.prototype || proto === null || Array.isArray(value))
      for (const v of Object.entries(value).flat()) addWords(v, into, seen);
  }
  return into;
}
