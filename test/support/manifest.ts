// package.json as VS Code reads it: every "%key%" replaced by its English string from
// package.nls.json (the manifest's strings are localizable; the tests read what users see).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './paths';

/** package.nls.json: key → English string. */
export function manifestStrings(): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.nls.json'), 'utf8')) as Record<string, string>;
}

/** package.json with its %key% placeholders resolved; an unknown key throws (VS Code would show it raw). */
export function localizedManifest<T = unknown>(): T {
  const strings = manifestStrings();
  const text = fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8');
  return JSON.parse(text, (_key, value: unknown) => {
    if (typeof value !== 'string') return value;
    const m = /^%(.+)%$/.exec(value);
    if (!m) return value;
    const english = strings[m[1]!];
    if (english === undefined) throw new Error(`package.json names ${value}, which package.nls.json does not define`);
    return english;
  }) as T;
}
