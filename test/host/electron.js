#!/usr/bin/env node
// The same integration suite (out/test/integration/index.js) under @vscode/test-electron: a
// downloaded desktop VS Code (Electron). For machines that can reach update.code.visualstudio.com;
// offline (like the build machines, which only reach npm and apt) the download fails with
// ENOTFOUND: use test/host/run-integration.js (code-server) there.
//
// Prerequisite: `npm run build` and `npm run compile-tests`.
// Usage: node test/host/electron.js [--vscode-version V] [--grep PATTERN] [--keep]
//   --vscode-version  VS Code to download (default $VSCODE_TEST_VERSION or 'stable'; e.g. 1.96.0,
//                     the lowest version engines.vscode accepts)
// On Linux without a display run it under `xvfb-run -a`.
// Output: the mocha report, then a last line `N passed, N failed`. Exit 0 only if all passed.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { Transform } = require('stream');

const REPO = path.resolve(__dirname, '..', '..');
const MARK = '[ext-tests] ';

function arg(name, def) {
  const i = process.argv.indexOf('--' + name);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : def;
}

async function main() {
  const t0 = Date.now();
  const { runTests } = require('@vscode/test-electron');
  const version = arg('vscode-version', process.env.VSCODE_TEST_VERSION || 'stable');
  const grep = arg('grep');
  const keep = process.argv.includes('--keep');
  const extensionTestsPath = path.join(REPO, 'out', 'test', 'integration', 'index.js');
  if (!fs.existsSync(extensionTestsPath)) {
    console.error('missing out/test/integration/index.js: run `npm run compile-tests` first');
    process.exit(2);
  }

  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'frame-electron-'));
  const resultsFile = path.join(runDir, 'results.json');
  const workspace = path.join(runDir, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  const extensionTestsEnv = {
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => /^FRAME_/.test(k))),
    VSCODE_EXT_TEST_RESULTS: resultsFile,
    VSCODE_EXT_TEST_HOST: 'electron',
    ...(grep ? { VSCODE_EXT_TEST_GREP: grep } : {}),
  };
  // Print the runner's marked lines without the marker; everything else as is.
  let buf = '';
  const unmark = new Transform({
    transform(chunk, _enc, cb) {
      buf += chunk;
      const lines = buf.split('\n');
      buf = lines.pop();
      cb(null, lines.map((l) => (l.includes(MARK) ? l.slice(l.indexOf(MARK) + MARK.length) : l) + '\n').join(''));
    },
    flush(cb) {
      cb(null, buf);
    },
  });
  unmark.pipe(process.stdout);

  let exitCode = 2;
  try {
    const code = await runTests({
      version,
      cachePath: path.join(REPO, '.vscode-test'),
      extensionDevelopmentPath: REPO,
      extensionTestsPath,
      extensionTestsEnv,
      stdout: unmark,
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--user-data-dir',
        path.join(runDir, 'user-data'),
        '--extensions-dir',
        path.join(runDir, 'extensions'),
      ],
    });
    exitCode = code === 0 ? 0 : 1;
  } catch (e) {
    // runTests rejects with TestRunFailedError when tests fail, or a download/launch error
    exitCode = e && e.name === 'TestRunFailedError' ? 1 : 2;
    console.error('[electron] ' + (e && e.message ? e.message : e));
  }
  let passed = 0,
    failed = 0;
  if (fs.existsSync(resultsFile)) {
    const r = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
    passed = r.passed.length;
    failed = r.failed.length;
    if (failed || !passed) exitCode = exitCode || 1;
  } else if (exitCode === 0) exitCode = 2;
  if (!keep) fs.rmSync(runDir, { recursive: true, force: true });
  else console.log('kept ' + runDir);
  console.log(`runtime: ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(exitCode);
}
main();
