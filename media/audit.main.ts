/** Entry of the audit-trail webview (bundled by esbuild.js into dist/webview/audit.main.js/.css). */
// First: the display language's strings, before any other module runs.
import './shared/l10n';
import * as l10n from '@vscode/l10n';
import './shared/kit.css';
import './audit.css';
import type { AuditHostNotifications, AuditRequests } from '../src/protocol/audit';
import { AuditPage } from './audit/page';
import { sanitize } from './audit/uiState';
import { mountPage } from './shared/page';
import { connect } from './shared/rpc';
import { vscodeApi } from './shared/vscodeApi';
import { emptyState } from './shared/widgets';

const api = vscodeApi();
const rpc = connect<AuditRequests, AuditHostNotifications>(api);
void mountPage({
  root: document.getElementById('app') ?? document.body.appendChild(document.createElement('div')),
  api,
  loading: () => emptyState('audit-loading', l10n.t('Loading the audit trail…'), l10n.t('Reading the first page of entries from Frame.')),
  init: () => rpc.request('init', null),
  saveState: (ui) => rpc.request('saveState', ui),
  sanitize,
  page: (context) => new AuditPage(rpc, context),
});
