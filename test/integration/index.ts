// Test runner loaded by the VS Code extension host (extensionTestsPath = out/test/integration/index.js).
// The host calls run(); a rejected promise means a non-zero exit code. The same file serves both
// hosts: code-server (test/host/run-integration.js) and @vscode/test-electron (test/host/electron.js).
//
// Environment (set by the drivers through extensionEnvironment / extensionTestsEnv):
//   VSCODE_EXT_TEST_RESULTS  file to write {passed, failed, pending, ...} to (side channel)
//   VSCODE_EXT_TEST_GREP     mocha grep pattern (--grep of the drivers)
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { log } from './log';

Mocha.reporters.Base.consoleLog = log;

interface Failure {
  title: string;
  error: string;
}

/** The suite that runs only in the pseudo locale (the others assert English text), and only it there. */
const PSEUDO_LOCALE_SUITE = 'pseudoLocale.test.js';

/** out/test/integration/**\/*.test.js, sorted, without a glob dependency. */
function testFiles(dir: string): string[] {
  const pseudo = vscode.env.language === 'qps-ploc';
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.test.js') && (path.basename(f) === PSEUDO_LOCALE_SUITE) === pseudo)
    .sort()
    .map((f) => path.join(dir, f));
}

export function run(): Promise<void> {
  const grep = process.env.VSCODE_EXT_TEST_GREP;
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    reporter: 'spec',
    timeout: 30_000,
    ...(grep ? { grep } : {}),
  });
  for (const f of testFiles(__dirname)) mocha.addFile(f);

  const resultsFile = process.env.VSCODE_EXT_TEST_RESULTS;
  const passed: string[] = [];
  const failed: Failure[] = [];
  const pending: string[] = [];
  return new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        log(`summary: ${passed.length} passed, ${failed.length} failed, ${pending.length} pending`);
        if (resultsFile) {
          try {
            fs.writeFileSync(
              resultsFile,
              JSON.stringify(
                {
                  passed,
                  failed,
                  pending,
                  failures,
                  pid: process.pid,
                  node: process.version,
                  vscode: vscode.version,
                },
                null,
                2,
              ),
            );
          } catch (e) {
            log(`cannot write results file ${resultsFile}: ${String(e)}`);
          }
        }
        if (failures > 0) reject(new Error(`${failures} tests failed.`));
        else if (passed.length === 0) reject(new Error('no tests ran'));
        else resolve();
      });
      runner.on('pass', (t) => passed.push(t.fullTitle()));
      runner.on('fail', (t, err: unknown) => {
        const e = err as { stack?: string } | undefined;
        failed.push({ title: t.fullTitle(), error: String(e?.stack ?? err) });
      });
      runner.on('pending', (t) => pending.push(t.fullTitle()));
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
