/**
 * The one test seam of the webview: marks the e2e test reads from the page's <body> (data-*
 * attributes). They hold nothing a user cannot see, and nothing reads them in the product.
 */
export function markForTests(name: 'ready' | 'firstChartMs', value: string): void {
  document.body.dataset[name] = value;
}
