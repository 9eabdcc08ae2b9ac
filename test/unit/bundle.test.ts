// Activation loads dist/extension.js only: it must not contain the engine (undici, yauzl, the
// report engine, the panel controller), which dist/engine.js brings on first use. Checked on the
// real esbuild graph, so an import that drags the engine in transitively fails here.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { repoRoot } from '../support/paths';

const ENGINE_ONLY = [
  /^node_modules\/undici\//,
  /^node_modules\/yauzl\//,
  /^src\/core\/http\/transport\.ts$/,
  /^src\/core\/reports\/(sessionParser|csvTokenizer|reportZip|sessionAggregate|sessionTable|loaders|monthlyReports)\.ts$/,
  /^src\/reports\/reportsController\.ts$/,
];

async function inputsOf(entry: string, external: string[]): Promise<string[]> {
  const result = await esbuild.build({
    absWorkingDir: repoRoot,
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20.18',
    external,
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs).map((f) => f.split(path.sep).join('/'));
}

describe('the activation bundle', function () {
  this.timeout(30_000);

  it('leaves the engine out of dist/extension.js (it loads on first use)', async () => {
    const inputs = await inputsOf('src/extension.ts', ['vscode', './engine.js', './requestEngine.js']);
    const leaked = inputs.filter((f) => ENGINE_ONLY.some((re) => re.test(f)));
    assert.deepEqual(leaked, [], 'engine modules reached from src/extension.ts');
    assert.ok(inputs.includes('src/lazyEngine.ts'), 'the engine is reached only through lazyEngine');
  });

  it('puts the engine into dist/engine.js', async () => {
    const inputs = await inputsOf('src/engine.ts', ['vscode']);
    for (const re of ENGINE_ONLY)
      assert.ok(
        inputs.some((f) => re.test(f)),
        `engine.js holds ${re}`,
      );
  });

  it('builds the request-file runner (dist/frame-http.js) from core alone; request-file support stays out of the activation bundle', async () => {
    const runner = await inputsOf('src/core/requests/main.ts', []);
    const outside = runner.filter((f) => f.startsWith('src/') && !f.startsWith('src/core/'));
    assert.deepEqual(outside, [], 'the runner imports only src/core');
    assert.ok(runner.includes('src/core/http/transport.ts'), 'the runner sends through the core transport');
    const activation = await inputsOf('src/extension.ts', ['vscode', './engine.js', './requestEngine.js']);
    // Request-file support (parser, runner, history) is its own bundle, loaded when a request file is parsed.
    assert.deepEqual(
      activation.filter((f) => f.startsWith('src/core/requests/')),
      [],
      'request-file support stays out of dist/extension.js',
    );
    const editor = await inputsOf('src/requestEngine.ts', ['vscode']);
    assert.ok(editor.includes('src/core/requests/parser.ts') && editor.includes('src/core/requests/runner.ts'));
    assert.deepEqual(
      editor.filter((f) => /^src\/core\/requests\/(cli|main)\.ts$/.test(f) || /^node_modules\/undici\//.test(f)),
      [],
      'the editor bundle has neither the command line nor the transport',
    );
  });
});
