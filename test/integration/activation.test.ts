// First integration tests: the extension loads and activates in a real VS Code extension host.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { log } from './log';

const EXT_ID = 'frame-admin.frame-admin';
const repoRoot = path.resolve(__dirname, '../../..');

describe('activation in a real VS Code extension host', () => {
  it('runs in the Node extension host', () => {
    assert.equal(typeof process.versions.node, 'string', 'process.versions.node');
    assert.ok(vscode.version, 'vscode.version');
    log(
      `    [host] vscode ${vscode.version}, ${vscode.env.appName}, uiKind ${vscode.UIKind[vscode.env.uiKind]}, ` +
        `remoteName ${vscode.env.remoteName ?? '-'}, node ${process.version}, driver ${process.env.VSCODE_EXT_TEST_HOST ?? '?'}`,
    );
  });

  it('receives the driver environment (extensionEnvironment)', () => {
    assert.ok(process.env.VSCODE_EXT_TEST_HOST, 'VSCODE_EXT_TEST_HOST set by test/host driver');
    if (process.env.FRAME_TEST_ENV !== undefined) log(`    [host] FRAME_TEST_ENV=${process.env.FRAME_TEST_ENV}`);
  });

  it(`finds ${EXT_ID} under development`, () => {
    const ext = vscode.extensions.getExtension(EXT_ID);
    assert.ok(ext, `${EXT_ID} is present in the host`);
    assert.equal(path.resolve(ext.extensionUri.fsPath), repoRoot, 'loaded from this repository (extensionDevelopmentPath)');
    assert.equal(ext.packageJSON.publisher, 'frame-admin');
  });

  it('activates without error, without loading the engine, and says how long it took', async () => {
    const ext = vscode.extensions.getExtension(EXT_ID);
    assert.ok(ext);
    const cold = !ext.isActive;
    const started = performance.now();
    await ext.activate(); // rejects if activate() throws
    const ms = performance.now() - started;
    assert.equal(ext.isActive, true);
    const dist = path.join(repoRoot, 'dist');
    const engine = path.join(dist, 'engine.js');
    const kib = (f: string) => `${(fs.statSync(path.join(dist, f)).size / 1024).toFixed(1)} KiB`;
    const api = ext.exports as { activationMs?: number; engineLoadedByActivation?: boolean; requestEngineLoadedByActivation?: boolean };
    log(
      `    [activation] ${cold ? `load + activate() from the test: ${ms.toFixed(1)} ms; ` : ''}activate() itself: ${api.activationMs?.toFixed(2)} ms; ` +
        `bundles: extension.js ${kib('extension.js')}, engine.js ${kib('engine.js')}, requestEngine.js ${kib('requestEngine.js')}, webview ${kib('webview/reports.main.js')}`,
    );
    assert.equal(typeof api.activationMs, 'number');
    // Whenever activation ran (here or before this test), it recorded whether it had loaded the engine.
    assert.equal(api.engineLoadedByActivation, false, 'the engine is not loaded by activation');
    // No request file is open here: request-file support (dist/requestEngine.js) waits for one.
    assert.equal(api.requestEngineLoadedByActivation, false, 'request-file support is not loaded by activation');
    if (cold) assert.ok(!Object.keys(require.cache).includes(engine), 'nor is it in the module cache right after a cold activation');
  });

  it('registers frameAdmin.showLog and runs it', async () => {
    await vscode.extensions.getExtension(EXT_ID)?.activate();
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('frameAdmin.showLog'), 'frameAdmin.showLog is registered');
    await vscode.commands.executeCommand('frameAdmin.showLog'); // rejects if the handler throws
  });
});
