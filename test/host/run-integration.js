#!/usr/bin/env node
// Runs the integration suite (mocha inside a real VS Code Node extension host) on code-server,
// with the workbench opened in headless chromium. Offline except for the npm registry and apt:
// the host is installed on first use by scripts/install-test-host.sh into .vscode-test/host.
//
// Prerequisite (not done here): `npm run build` (dist/extension.js) and `npm run compile-tests`
// (out/test/integration/*.js).
//
// Usage: node test/host/run-integration.js [--grep PATTERN] [--timeout SEC] [--verbose] [--keep]
//                                          [--workspace DIR] [--ext DIR] [--no-install] [--pseudo-locale]
//   --grep      only tests whose full title matches PATTERN (mocha grep, inside the host)
//   --timeout   whole-run limit in seconds (default 300); on timeout a screenshot and logs are kept
//   --verbose   also print code-server output, workbench log lines and browser console
//   --keep      keep the run folder (/tmp/frame-it-*: user data, workspace, profiles) and save
//               diagnostics to .vscode-test/runs/ (always done on timeouts and infrastructure errors)
//   --workspace folder to open (default: an empty throwaway folder)
//   --ext       extension folder under test (default: the repository root)
//   --pseudo-locale  VS Code in the qps-ploc pseudo locale (test/host/pseudoLocale.js); the host then runs
//               only the pseudo-locale suite (test/integration/index.ts), every other suite reads English
// Env: FRAME_* variables (e.g. FRAME_TEST_ENV) are forwarded into the extension host.
//
// Output: the mocha report, then `runtime: …`, then a last line `N passed, N failed`.
// Exit: 0 all passed and at least one test ran; 1 test failures or no tests; 2 infrastructure
// error or timeout.
// As a module: require('./run-integration').runIntegration(opts) resolves
//   { exitCode, passed, failed, pending, runtimeMs, phases, runDir }.
'use strict';
const fs = require('fs');
const path = require('path');
const util = require('util');
const lib = require('./lib');
const { LOCALE, generatePseudoBundles, pseudoLocaleArgs } = require('./pseudoLocale');

const MARK = '[ext-tests] '; // prefix the in-host runner puts on every report line (test/integration/log.ts)

function parseArgs(argv) {
  const o = { grep: undefined, timeoutSec: 300, verbose: false, keep: false, workspace: undefined, ext: lib.REPO, install: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--grep' || a === '-g') o.grep = val();
    else if (a.startsWith('--grep=')) o.grep = a.slice(7);
    else if (a === '--timeout') o.timeoutSec = Number(val());
    else if (a.startsWith('--timeout=')) o.timeoutSec = Number(a.slice(10));
    else if (a === '--verbose' || a === '-v') o.verbose = true;
    else if (a === '--keep') o.keep = true;
    else if (a === '--workspace') o.workspace = path.resolve(val());
    else if (a === '--ext') o.ext = path.resolve(val());
    else if (a === '--no-install') o.install = false;
    else if (a === '--pseudo-locale') o.pseudoLocale = true;
    else if (a === '--help' || a === '-h') {
      o.help = true;
    } else throw new Error(`unknown argument: ${a}`);
  }
  if (!(o.timeoutSec > 0)) throw new Error('--timeout must be a positive number of seconds');
  return o;
}

async function runIntegration(opts) {
  const o = { timeoutSec: 300, verbose: false, keep: false, ext: lib.REPO, install: true, ...opts };
  const t0 = Date.now();
  const phases = {};
  let tPhase = t0;
  const phase = (name) => {
    const now = Date.now();
    phases[name] = now - tPhase;
    tPhase = now;
  };
  const stamp = (m) => console.log(`[run-integration +${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);
  const result = { exitCode: 2, passed: 0, failed: 0, pending: 0, runtimeMs: 0, phases, runDir: undefined };

  const testsPath = path.join(lib.REPO, 'out', 'test', 'integration', 'index.js');
  const bundle = path.join(o.ext, JSON.parse(fs.readFileSync(path.join(o.ext, 'package.json'), 'utf8')).main || 'dist/extension.js');
  for (const [f, hint] of [
    [testsPath, 'npm run compile-tests'],
    [bundle, 'npm run build'],
  ]) {
    if (!fs.existsSync(f) && !fs.existsSync(f + '.js')) {
      console.error(`[run-integration] missing ${path.relative(lib.REPO, f)}: run \`${hint}\` first`);
      result.runtimeMs = Date.now() - t0;
      return result;
    }
  }

  if (!lib.hostPresent()) {
    if (!o.install) {
      console.error(`[run-integration] test host missing in ${lib.HOST_DIR}; run scripts/install-test-host.sh`);
      return result;
    }
    stamp(`test host missing in ${lib.HOST_DIR}: installing (first run takes a few minutes)`);
    try {
      lib.ensureHost();
    } catch (e) {
      console.error('[run-integration] ' + e.message);
      result.runtimeMs = Date.now() - t0;
      return result;
    }
  }
  phase('install');

  const runDir = lib.mkRunDir();
  result.runDir = runDir;
  let saveDiag = o.keep;
  const userDataDir = path.join(runDir, 'user-data');
  const extensionsDir = path.join(runDir, 'extensions');
  const resultsFile = path.join(runDir, 'results.json');
  let workspace = o.workspace;
  if (!workspace) {
    workspace = path.join(runDir, 'workspace');
    fs.mkdirSync(workspace, { recursive: true });
    fs.writeFileSync(path.join(workspace, 'README.txt'), 'Frame Admin integration test workspace\n');
  }
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  let localeArgs = [];
  if (o.pseudoLocale) {
    try {
      generatePseudoBundles(o.ext);
    } catch (e) {
      console.error('[run-integration] ' + e.message);
      result.runtimeMs = Date.now() - t0;
      return result;
    }
    localeArgs = pseudoLocaleArgs(userDataDir);
    stamp(`display language ${LOCALE} (pseudo-localized bundles generated)`);
  }
  fs.mkdirSync(extensionsDir, { recursive: true });
  // Settings that keep the workbench quiet and deterministic.
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'extensions.ignoreRecommendations': true,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'workbench.enableExperiments': false,
        'security.workspace.trust.enabled': false,
        'chat.disableAIFeatures': true,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'git.enabled': false,
      },
      null,
      2,
    ),
  );

  // Environment of the extension host: the results side channel, the grep pattern, which host
  // this is, and every FRAME_* variable of the caller (e.g. FRAME_TEST_ENV = simulator URL).
  const extEnv = {
    ...lib.frameEnv(),
    VSCODE_EXT_TEST_RESULTS: resultsFile,
    VSCODE_EXT_TEST_HOST: 'code-server',
    ...(o.grep ? { VSCODE_EXT_TEST_GREP: o.grep } : {}),
  };

  let server, context, page;
  const errorLines = [];
  const cleanup = async () => {
    if (context) await context.close().catch(() => {});
    context = undefined;
    if (server) await server.stop();
    server = undefined;
  };
  const onSignal = (sig) => {
    console.error(`[run-integration] ${sig}: stopping`);
    cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    server = await lib.startCodeServer({
      runDir,
      userDataDir,
      extensionsDir,
      // 1.139's built workbench ignores the extensionDevelopmentPath/extensionTestsPath payload
      // unless the smoke-test driver is enabled (code-server passes it with --vscode-option).
      extraArgs: [...(lib.supportsVscodeOption() ? ['--vscode-option', 'enable-smoke-test-driver'] : []), ...localeArgs],
      env: extEnv, // also in the server's env, so the ext host inherits it even if the payload's is dropped
      log: o.verbose ? (s) => process.stderr.write('[code-server] ' + s) : () => {},
    });
    phase('codeServer');
    stamp(`code-server ${lib.codeServerVersion()} up at ${server.url}`);

    const authority = new URL(server.url).host; // remote authority = Host header seen by code-server
    const remote = (p) => `vscode-remote://${authority}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(o.ext)],
      ['extensionTestsPath', remote(testsPath)],
      ['extensionEnvironment', JSON.stringify(extEnv)],
      ['skipWelcome', 'true'],
    ];
    const url = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

    context = await lib.launchChromium({ runDir });
    page = context.pages()[0] || (await context.newPage());
    phase('chromium');
    let resolveExit;
    const exited = new Promise((r) => {
      resolveExit = r;
    });
    // The workbench calls these hooks (same as @vscode/test-web): codeAutomationLog for log lines
    // (the ext host console is routed there during a test run), codeAutomationExit when run() settles.
    const hostLog = fs.createWriteStream(path.join(runDir, 'workbench.log'));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      let line;
      try {
        line = util.format(...args);
      } catch {
        line = String(args);
      }
      hostLog.write(`[${type}] ${line}\n`);
      const i = line.indexOf(MARK);
      if (i >= 0)
        console.log(line.slice(i + MARK.length)); // may span several lines (failure details)
      else if (o.verbose) console.log(`[workbench ${type}] ${line}`);
      else if (type === 'error') errorLines.push(line);
    });
    await page.exposeFunction('codeAutomationExit', (code) => {
      resolveExit(code);
    });
    if (o.verbose) page.on('console', (m) => process.stderr.write(`[browser ${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => process.stderr.write(`[browser pageerror] ${e.message}\n`));
    await page.goto(url);
    phase('workbenchLoad');
    stamp('workbench loaded; waiting for the extension host test run');

    let timer;
    const timedOut = new Promise((r) => {
      timer = setTimeout(() => r('timeout'), o.timeoutSec * 1000);
    });
    const code = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    phase('tests');
    hostLog.end();
    if (code === 'timeout') {
      stamp(`TIMEOUT after ${o.timeoutSec}s`);
      const png = path.join(runDir, 'timeout.png');
      try {
        await page.screenshot({ path: png });
        stamp('screenshot taken (timeout.png)');
      } catch (e) {
        stamp('screenshot failed: ' + e.message);
      }
      result.exitCode = 2;
      saveDiag = true;
    } else {
      stamp(`extension host test runner exit code: ${code}`);
      result.exitCode = code === 0 ? 0 : 1;
    }
    if (fs.existsSync(resultsFile)) {
      const r = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
      result.passed = r.passed.length;
      result.failed = r.failed.length;
      result.pending = r.pending.length;
      for (const f of r.failed) console.log(`FAILED: ${f.title}\n  ${String(f.error).split('\n').join('\n  ')}`);
      stamp(`host: VS Code ${r.vscode}, node ${r.node}, ext host pid ${r.pid}`);
      if (result.failed > 0 && result.exitCode === 0) result.exitCode = 1;
      if (result.passed + result.failed === 0) {
        stamp(o.grep ? `no test matched --grep ${JSON.stringify(o.grep)}` : 'no tests ran');
        if (result.exitCode === 0) result.exitCode = 1;
      }
    } else {
      stamp('the extension host wrote no results; workbench errors logged during the run:');
      for (const l of errorLines) console.log('  ' + l.split('\n').slice(0, 8).join('\n  '));
      if (result.exitCode !== 2) result.exitCode = 2;
      saveDiag = true;
    }
  } catch (e) {
    console.error('[run-integration] infrastructure error:', e && (e.stack || e));
    if (server && !o.verbose) console.error(server.output().slice(-4000));
    result.exitCode = 2;
    saveDiag = true;
  } finally {
    await cleanup();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    phase('shutdown');
    if (saveDiag) {
      try {
        stamp(`diagnostics saved to ${path.relative(process.cwd(), lib.saveDiagnostics(runDir)) || '.'}`);
      } catch (e) {
        stamp('saving diagnostics failed: ' + e.message);
      }
    }
    if (o.keep) stamp(`kept ${runDir}`);
    else fs.rmSync(runDir, { recursive: true, force: true });
  }
  result.runtimeMs = Date.now() - t0;
  return result;
}

async function main() {
  let o;
  try {
    o = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error('[run-integration] ' + e.message);
    process.exit(2);
  }
  if (o.help) {
    console.log(
      fs
        .readFileSync(__filename, 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('//'))
        .map((l) => l.slice(3))
        .join('\n'),
    );
    return;
  }
  const r = await runIntegration(o);
  const p = r.phases;
  const s = (ms) => ((ms || 0) / 1000).toFixed(1) + 's';
  console.log(
    `runtime: ${s(r.runtimeMs)} (install check ${s(p.install)}, code-server ${s(p.codeServer)}, chromium ${s(p.chromium)}, workbench ${s(p.workbenchLoad)}, tests ${s(p.tests)}, shutdown ${s(p.shutdown)})`,
  );
  try {
    fs.mkdirSync(lib.RUNS_DIR, { recursive: true });
    fs.writeFileSync(path.join(lib.RUNS_DIR, 'last-run.json'), JSON.stringify({ ...r, finishedAt: new Date().toISOString() }, null, 2));
  } catch {
    /* informational only */
  }
  console.log(`${r.passed} passed, ${r.failed} failed`);
  process.exit(r.exitCode);
}

if (require.main === module) main();
module.exports = { runIntegration, parseArgs };
