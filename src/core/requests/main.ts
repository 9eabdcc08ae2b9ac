/**
 * The entry point of dist/frame-http.js (see ./cli): no vscode, the core signer and transport only.
 * It stays English: it runs in terminals and CI (outside VS Code, with no display language to follow)
 * and never configures @vscode/l10n, so the core messages it prints are the English ones too.
 */
import { runCli } from './cli';

void runCli(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
}).then((code) => {
  process.exitCode = code;
});
