/**
 * The headless runner (dist/frame-http.js): `frame-http run FILE… [--junit OUT.xml]`, the
 * connection from the environment (FRAME_BASE_URL, FRAME_CLIENT_ID, FRAME_CLIENT_SECRET,
 * FRAME_SCHEME), the same signer and transport as the extension. Exit 0 when every request passed,
 * 1 when an assertion failed, 2 for usage errors, malformed files and requests that got no answer.
 * Nothing it prints or writes holds the secret (every line goes through a Redactor).
 * Its texts stay English, like its JUnit XML (see ./main): not passed through l10n.t on purpose.
 */
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { userMessage } from '../errors';
import { isScheme } from '../signing';
import { HttpTransport, type TransportOptions } from '../http/transport';
import { Redactor } from '../http/redact';
import { SignedApi } from '../api/signedApi';
import { parseRequestFile } from './parser';
import { assertRunnable, describeOutcome, runRequestFile, type RequestOutcome } from './runner';
import { junitXml, type FileResult } from './junit';

export const EXIT = { passed: 0, failed: 1, error: 2 } as const;

export interface CliIo {
  env: Readonly<Record<string, string | undefined>>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Transport settings (tests shorten timeouts and retries). */
  transport?: TransportOptions;
  /** The folder `< path` bodies must stay inside (default: the current directory). */
  cwd?: string;
}

const USAGE = `Usage: frame-http run FILE… [--junit OUT.xml]

Sends the requests of each .frame.http file in order, signed, and checks their ?? assertions.
The connection comes from the environment:
  FRAME_BASE_URL       the API base, e.g. https://api.fra.me/v1alpha
  FRAME_CLIENT_ID      the API client ID
  FRAME_CLIENT_SECRET  the API client secret (never a command-line argument)
  FRAME_SCHEME         frame (default), janrain-signature or basic
A body written "< ./file.json" is read from that file (relative to the request file, inside the
current directory, at most 10 MiB); "<@ ./file.json" also fills in its {{variables}}.
Exit status: 0 all passed, 1 an assertion failed, 2 usage error or a request got no answer.
`;

interface Args {
  files: string[];
  junit?: string;
}

function parseArgs(argv: readonly string[]): Args | { error: string } | 'help' {
  if (argv.includes('--help') || argv.includes('-h')) return 'help';
  const [command, ...rest] = argv;
  if (command !== 'run')
    return { error: command ? `Unknown command "${command.slice(0, 40)}": the command is "run".` : 'No command given.' };
  const args: Args = { files: [] };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--junit' || arg.startsWith('--junit=')) {
      const value = arg === '--junit' ? rest[++i] : arg.slice('--junit='.length);
      if (!value) return { error: '--junit needs the path of the XML file to write.' };
      args.junit = value;
    } else if (arg.startsWith('-') && /secret/i.test(arg)) {
      // Said without echoing the argument: it may be the secret itself.
      return {
        error:
          'The client secret is read from FRAME_CLIENT_SECRET only, never from the command line (where other users and shell history can see it).',
      };
    } else if (arg.startsWith('-')) return { error: `Unknown option "${arg.slice(0, 40)}".` };
    else args.files.push(arg);
  }
  if (!args.files.length) return { error: 'Name at least one request file to run.' };
  return args;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const secret = io.env.FRAME_CLIENT_SECRET ?? '';
  const redactor = new Redactor(secret ? [secret] : []);
  const out = (text: string): void => io.stdout(redactor.scrub(text));
  const err = (text: string): void => io.stderr(redactor.scrub(text));

  const args = parseArgs(argv);
  if (args === 'help') {
    out(USAGE);
    return EXIT.passed;
  }
  if ('error' in args) {
    err(`frame-http: ${args.error}\n\n${USAGE}`);
    return EXIT.error;
  }
  const missing = ['FRAME_BASE_URL', 'FRAME_CLIENT_ID', 'FRAME_CLIENT_SECRET'].filter((name) => !io.env[name]);
  if (missing.length) {
    err(`frame-http: set ${missing.join(', ')} in the environment (the connection the requests go to).\n`);
    return EXIT.error;
  }
  const scheme = io.env.FRAME_SCHEME || 'frame';
  if (!isScheme(scheme)) {
    err(`frame-http: FRAME_SCHEME "${scheme.slice(0, 40)}" is not a signing scheme: use frame, janrain-signature or basic.\n`);
    return EXIT.error;
  }

  // Every file is read and checked before anything is sent.
  const files: { name: string; parsed: ReturnType<typeof parseRequestFile> }[] = [];
  let malformed = false;
  for (const name of args.files) {
    let text: string;
    try {
      text = await readFile(name, 'utf8');
    } catch (e) {
      err(`frame-http: cannot read ${name} (${(e as NodeJS.ErrnoException).code ?? 'unreadable'}).\n`);
      return EXIT.error;
    }
    const parsed = parseRequestFile(text);
    try {
      assertRunnable(parsed, name);
    } catch (e) {
      err(userMessage(e) + '\n');
      malformed = true;
    }
    files.push({ name, parsed });
  }
  if (malformed) return EXIT.error;

  const transport = new HttpTransport(io.transport);
  const results: FileResult[] = [];
  try {
    let api: SignedApi;
    try {
      api = new SignedApi({
        baseUrl: io.env.FRAME_BASE_URL!,
        credentials: { scheme, clientId: io.env.FRAME_CLIENT_ID!, clientSecret: secret },
        transport,
      });
    } catch (e) {
      err(`frame-http: FRAME_BASE_URL: ${userMessage(e)}\n`);
      return EXIT.error;
    }
    for (const file of files) {
      out(`${file.name}\n`);
      const outcomes = await runRequestFile(file.parsed, file.name, {
        senderFor: () => api,
        env: io.env,
        files: { baseDir: path.dirname(path.resolve(file.name)), root: io.cwd ?? process.cwd() },
        onOutcome: (o) => out(describeOutcome(o)),
      });
      results.push({ file: file.name, outcomes });
    }
  } catch (e) {
    err(`frame-http: ${userMessage(e)}\n`);
    return EXIT.error;
  } finally {
    await transport.close();
  }

  const all = results.flatMap((r) => r.outcomes);
  const tally = (v: RequestOutcome['verdict']): number => all.filter((o) => o.verdict === v).length;
  out(`\n${tally('passed')} passed, ${tally('failed')} failed, ${tally('error')} errors, ${tally('skipped')} skipped\n`);
  if (args.junit) {
    try {
      await writeFile(args.junit, redactor.scrub(junitXml(results)), 'utf8');
    } catch (e) {
      err(`frame-http: cannot write ${args.junit} (${(e as NodeJS.ErrnoException).code ?? 'unwritable'}).\n`);
      return EXIT.error;
    }
  }
  if (tally('error') || tally('skipped')) return EXIT.error;
  return tally('failed') ? EXIT.failed : EXIT.passed;
}
