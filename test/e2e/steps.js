// The e2e drivers' steps (run-e2e.js, run-pseudo-e2e.js): each named, timed and reported as it
// ends; a failing one prints the first lines of its error and stops the run.
'use strict';

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

module.exports = { step, results };
