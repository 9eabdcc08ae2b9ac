#!/usr/bin/env node
// `npm test`: every check and test suite in order, stopping at the first failing stage, then one
// closing line with the totals: "total: N passed, N failed".
//   typecheck, lint, format (prettier --check), build, unit (mocha in bare Node), integration (mocha in a real VS Code
//   extension host), pseudo-locale (the same host in VS Code's qps-ploc pseudo locale), e2e (the packaged .vsix driven in chromium),
//   pseudo-e2e (the packaged .vsix in the pseudo locale).
// FRAME_TEST_STAGES=unit,integration runs a subset.
'use strict';
const { spawn } = require('child_process');
const path = require('path');
const { ensureDependencies } = require('./ensure-deps');

const REPO = path.resolve(__dirname, '..');
const npx = (bin) => path.join(REPO, 'node_modules', '.bin', bin);
const STAGES = [
  { name: 'typecheck', cmd: [npx('tsc'), '-p', '.', '--noEmit'] },
  { name: 'typecheck-webview', cmd: [npx('tsc'), '-p', 'media', '--noEmit'] },
  { name: 'lint', cmd: [npx('eslint'), '.'] },
  { name: 'format', cmd: [npx('prettier'), '--check', '.'] },
  { name: 'build', cmd: [process.execPath, 'esbuild.js'] },
  { name: 'compile-tests', cmd: [npx('tsc'), '-p', 'tsconfig.test.json'] },
  { name: 'unit', cmd: [npx('mocha'), '--config', '.mocharc.json'], count: /^\s*(\d+) passing/m, failures: /^\s*(\d+) failing/m },
  { name: 'integration', cmd: [process.execPath, 'test/host/run-integration.js'], count: /^(\d+) passed, (\d+) failed$/m },
  // The pseudo-locale suite: the workbench in qps-ploc, every string of the extension must come out accented.
  {
    name: 'pseudo-locale',
    cmd: [process.execPath, 'test/host/run-integration.js', '--pseudo-locale'],
    count: /^(\d+) passed, (\d+) failed$/m,
  },
  { name: 'e2e', cmd: [process.execPath, 'test/e2e/run-e2e.js'], count: /^(\d+) passed, (\d+) failed$/m },
  // The packaged extension in the qps-ploc pseudo locale: the Frame view and every tab of the reports panel.
  { name: 'pseudo-e2e', cmd: [process.execPath, 'test/e2e/run-pseudo-e2e.js'], count: /^(\d+) passed, (\d+) failed$/m },
];

function run(stage) {
  return new Promise((resolve) => {
    const [cmd, ...args] = stage.cmd;
    const child = spawn(cmd, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      out += d;
      process.stderr.write(d);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

async function main() {
  ensureDependencies('test');
  const only = process.env.FRAME_TEST_STAGES?.split(',').map((s) => s.trim());
  let passed = 0;
  let failed = 0;
  const t0 = Date.now();
  for (const stage of STAGES) {
    if (only && !only.includes(stage.name) && !['typecheck', 'typecheck-webview', 'build', 'compile-tests'].includes(stage.name)) continue;
    const s0 = Date.now();
    console.log(`\n=== ${stage.name} ===`);
    const { code, out } = await run(stage);
    if (stage.count) {
      const m = stage.count.exec(out);
      const p = m ? Number(m[1]) : 0;
      const f = stage.failures ? Number(stage.failures.exec(out)?.[1] ?? 0) : m ? Number(m[2]) : 0;
      passed += p;
      failed += f;
      console.log(`=== ${stage.name}: ${p} passed, ${f} failed in ${((Date.now() - s0) / 1000).toFixed(1)} s ===`);
      if (code === 0 && p === 0) {
        console.error(`${stage.name} ran no test`);
        failed += 1;
      }
    }
    if (code !== 0) {
      console.error(`\n${stage.name} failed (exit ${code}); later stages not run.`);
      if (!stage.count || failed === 0) failed += 1;
      break;
    }
  }
  console.log(`\nAll stages took ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
  console.log(`total: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main();
