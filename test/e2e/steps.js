// What the e2e drivers (run-e2e.js, run-pseudo-e2e.js) share: steps, each named, timed and
// reported as it ends (a failing one prints the first lines of its error and stops the run), and
// the throwaway folders of one workbench with its quiet settings.
'use strict';
const fs = require('fs');
const path = require('path');

const results = [];

async function step(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`  ✔ ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(
      `  ✘ ${name}\n    ${String(e && e.message ? e.message : e)
        .split('\n')
        .slice(0, 60)
        .join('\n    ')}`,
    );
    throw e;
  }
}

/**
 * A run folder with the workbench's user data (settings: quiet, Dark Modern unless `settings` says
 * otherwise, plus `settings`), extensions and an empty workspace folder.
 */
function workbenchFolders(lib, settings = {}) {
  const runDir = lib.mkRunDir();
  const userDataDir = path.join(runDir, 'user-data');
  const extensionsDir = path.join(runDir, 'extensions');
  const workspace = path.join(runDir, 'workspace');
  for (const d of [path.join(userDataDir, 'User'), extensionsDir, workspace]) fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'telemetry.telemetryLevel': 'off',
      'security.workspace.trust.enabled': false,
      'workbench.colorTheme': 'Default Dark Modern',
      'chat.disableAIFeatures': true,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'extensions.autoUpdate': false,
      'extensions.autoCheckUpdates': false,
      // Tree tooltips would otherwise pop up under the pointer and cover the next row to click.
      'workbench.hover.delay': 60000,
      ...settings,
    }),
  );
  return { runDir, userDataDir, extensionsDir, workspace };
}

/**
 * The end of a driver's run: the browser context, code-server and the simulator closed, the run's
 * folder removed when every step passed (kept, and said, for the logs otherwise), the time and the
 * counts printed, and the exit code (1 on a failure or no step).
 */
async function finishRun({ name, failed, runDir, t0, screenshots, context, server, sim }) {
  await context.close().catch(() => undefined);
  await server.stop();
  await sim.close();
  if (!failed) fs.rmSync(runDir, { recursive: true, force: true });
  else console.log(`kept ${runDir} (code-server.log, user-data/logs)`);
  const passed = results.filter((r) => r.ok).length;
  console.log(`${name} took ${((Date.now() - t0) / 1000).toFixed(1)} s; screenshots in ${screenshots}/`);
  console.log(`${passed} passed, ${results.length - passed} failed`);
  process.exit(failed || passed === 0 ? 1 : 0);
}

module.exports = { step, results, finishRun, workbenchFolders };
