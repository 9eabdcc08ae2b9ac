/** The entry point of dist/frame-http.js (see ./cli): no vscode, the core signer and transport only. */
import { runCli } from './cli';

void runCli(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
}).then((code) => {
  process.exitCode = code;
});
