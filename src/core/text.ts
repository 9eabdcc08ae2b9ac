/**
 * Text from servers and API data that we put into log lines, file names and messages. A line
 * break in an id forged a line of the Frame log; a bidirectional control in a file name reorders
 * what is shown ("evil\u202Egpj.exe" reads as "evilexe.jpg").
 */

/** Every control character: C0, DEL, C1 (NEL is U+0085), and the line and paragraph separators. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** Bidirectional controls (Unicode Bidi_Control) and zero-width characters: invisible, and they mislead. */
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** For one log line: controls and invisible characters written as escapes (`\n`, `\u2028`), so nothing starts a new line. */
export function escapeForLog(text: string): string {
  return text.replace(CONTROLS, escape).replace(INVISIBLE, escape);
}

function escape(c: string): string {
  return ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Without invisible characters (bidi controls, zero-width), for names and excerpts. */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/** Control characters (line breaks included) replaced by `by`. */
export function replaceControls(text: string, by: string): string {
  return text.replace(CONTROLS, by);
}

/**
 * Text from a server (a name, a state) for one line of a notification or a modal: invisible
 * characters removed, controls and line breaks as spaces, runs of spaces as one, capped. A name
 * can then neither reorder what is shown nor forge lines of its own ("Account ID: …").
 */
export function oneLineText(text: string, max = 200): string {
  const flat = replaceControls(stripInvisible(text), ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
