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
  // The "[watch] …" lines are for VS Code's watch task problem matcher; a one-off build reports errors only.
  plugins: watch ? [reporter] : [],
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
  const node = {
    ...common,
    format: 'cjs',
    platform: 'node',
    // VS Code 1.96 (the oldest we declare) runs extensions on Node 20.18.
    target: 'node20.18',
    external: ['vscode'],
    metafile: true,
  };
  const builds = [
    // Activation loads only this: views, commands, connections (see src/lazyEngine.ts).
    { ...node, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', './engine.js', './requestEngine.js'] },
    // Request-file support for the editor (parser, runner, history), loaded when a request file is parsed.
    { ...node, entryPoints: ['src/requestEngine.ts'], outfile: 'dist/requestEngine.js' },
    // The engine, loaded on first use: undici, the report engine (yauzl), the reports controller.
    { ...node, entryPoints: ['src/engine.ts'], outfile: 'dist/engine.js' },
    // The session reader's worker thread: its own bundle beside engine.js (sessionReadPool.ts
    // resolves `reportsWorker.js` relative to __dirname at run time).
    { ...node, entryPoints: ['src/core/reports/reportsWorker.ts'], outfile: 'dist/reportsWorker.js' },
    // The headless request-file runner for CI (`node dist/frame-http.js run FILE…`): core only, no
    // vscode; nothing in the extension loads it.
    { ...node, entryPoints: ['src/core/requests/main.ts'], outfile: 'dist/frame-http.js', external: [] },
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
    let result;
    try {
      result = await esbuild.build(options);
    } catch (e) {
      // logLevel is 'silent': the errors are printed here, once.
      for (const { text, location } of e.errors ?? [])
        console.error(`✘ [ERROR] ${text}${location ? ` (${location.file}:${location.line})` : ''}`);
      process.exitCode = 1;
      continue;
    }
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
