/** The formats the host and every webview write the same way (one implementation, in core). */
export { formatDuration } from '../core/format';
