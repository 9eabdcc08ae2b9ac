/**
 * `< path` bodies (REST Client's syntax): a body whose only line is `< ./file.json` is that file's
 * content; `<@ ./file.json` also resolves the file's `{{…}}`. The path is relative to the request
 * file; the file must be inside the workspace folder (the CLI: the current directory), symbolic
 * links followed first, and at most FILE_BODY_LIMIT bytes. A request file from elsewhere cannot
 * send ~/.ssh/id_rsa to an API.
 */
import * as l10n from '@vscode/l10n';
import { realpath, stat, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { FrameError } from '../errors';
import { describeSpan, type Template } from './model';

export const FILE_BODY_LIMIT = 10 * 1024 * 1024;

/** Where `< path` bodies are read: relative to `baseDir`, never outside `root`. */
export interface FileBodyPlaces {
  baseDir: string;
  root: string;
}

export interface FileBodyReference {
  path: string;
  /** `<@`: the file's `{{…}}` are resolved like the body's would be. */
  templated: boolean;
}

/** The file a body names, when its only line is `< path` or `<@ path`. */
export function fileBodyOf(body: Template): FileBodyReference | undefined {
  const m = /^<(@?)\s+(\S.*?)\s*$/.exec(body.text);
  if (!m || body.text.includes('\n')) return undefined;
  return { path: m[2]!, templated: m[1] === '@' };
}

/** The file's text, or a FrameError saying why it is not read. */
export async function readFileBody(ref: FileBodyReference, body: Template, places: FileBodyPlaces | undefined): Promise<string> {
  const at = describeSpan(body.span);
  if (!places)
    throw new FrameError(
      'invalid-request',
      l10n.t('{0}: "< {1}" reads a file, and this request file is not on disk: save it first.', at, ref.path),
    );
  const wanted = path.resolve(places.baseDir, ref.path);
  let real: string;
  let root: string;
  try {
    root = await realpath(places.root);
    real = await realpath(wanted);
  } catch {
    throw new FrameError('invalid-request', l10n.t('{0}: the body file "{1}" does not exist (looked for {2}).', at, ref.path, wanted));
  }
  const relative = path.relative(root, real);
  if (relative.startsWith('..') || path.isAbsolute(relative))
    throw new FrameError(
      'invalid-request',
      l10n.t(
        '{0}: the body file "{1}" is outside {2}: request files only read files inside their workspace folder. Move the file there.',
        at,
        ref.path,
        root,
      ),
    );
  const info = await stat(real);
  if (!info.isFile()) throw new FrameError('invalid-request', l10n.t('{0}: "{1}" is not a file.', at, ref.path));
  if (info.size > FILE_BODY_LIMIT)
    throw new FrameError(
      'invalid-request',
      l10n.t(
        '{0}: the body file "{1}" has {2} MiB; bodies are read up to {3} MiB.',
        at,
        ref.path,
        (info.size / 1048576).toFixed(1),
        FILE_BODY_LIMIT / 1048576,
      ),
    );
  return readFile(real, 'utf8');
}
