/** Entry of the Reports webview (bundled by esbuild.js into dist/webview/reports.main.js/.css). */
import './reports.css';
import { start } from './reports/app';
import { connect } from './reports/rpc';
import { vscodeApi } from './reports/vscodeApi';

const api = vscodeApi();
const rpc = connect(api);
const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('div'));
void start(root, api, rpc);
