/**
 * The one test seam of the webview: marks the e2e test reads from the page's <body> (data-*
 * attributes). They hold nothing a user cannot see, and nothing reads them in the product.
 */
export function markForTests(name: 'ready' | 'firstChartMs', value: string): void {
  document.body.dataset[name] = value;
}

/** The same for one element (e.g. a chart's x-axis labels, which are painted on a canvas). */
export function markElementForTests(el: HTMLElement, name: 'xLabels', value: string): void {
  el.dataset[name] = value;
}
