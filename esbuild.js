// Bundles the extension (Node, CommonJS, `vscode` external) and the webview code (browser, IIFE).
// Usage: node esbuild.js [--production] [--watch]
'use strict';
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Logs build results in the problem-matcher friendly form VS Code's esbuild tasks expect. */
const reporter = {
  name: 'reporter',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'silent',
  plugins: [reporter],
};

/** Entry points of the browser (webview) bundle: every media/*.ts that is a page script. */
function webviewEntries() {
  const dir = path.join(__dirname, 'media');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /\.main\.ts$/.test(f))
    .map((f) => path.join(dir, f));
}

async function main() {
  // A production build starts from an empty dist/, so no dev sourcemap ends up in the .vsix.
  if (production) fs.rmSync(path.join(__dirname, 'dist'), { recursive: true, force: true });
  const builds = [
    {
      ...common,
      entryPoints: ['src/extension.ts'],
      format: 'cjs',
      platform: 'node',
      // VS Code 1.96 (the oldest we declare) runs extensions on Node 20.18.
      target: 'node20.18',
      outfile: 'dist/extension.js',
      external: ['vscode'],
      metafile: true,
    },
    {
      // The session reader's worker thread: its own bundle, found at run time beside extension.js
      // (sessionReadPool.ts resolves `reportsWorker.js` relative to __dirname).
      ...common,
      entryPoints: ['src/core/reports/reportsWorker.ts'],
      format: 'cjs',
      platform: 'node',
      target: 'node20.18',
      outfile: 'dist/reportsWorker.js',
      metafile: true,
    },
  ];
  const web = webviewEntries();
  if (web.length) {
    builds.push({
      ...common,
      entryPoints: web,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      outdir: 'dist/webview',
      entryNames: '[name]',
      loader: { '.css': 'css' },
    });
  }
  if (watch) {
    for (const options of builds) await (await esbuild.context(options)).watch();
    return;
  }
  for (const options of builds) {
    const result = await esbuild.build(options);
    if (result.errors.length) process.exitCode = 1;
    if (result.metafile && production) {
      const size = fs.statSync(options.outfile).size;
      console.log(`${options.outfile}: ${(size / 1024).toFixed(1)} KiB`);
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
