/** Runs `fn` with the latest arguments once calls have stopped for `ms`; `cancel()` drops a pending call, `flush()` runs it now. No DOM (bare-Node tests use it). */
export function debounce<A extends unknown[]>(
  fn: (...args: A) => void,
  ms: number,
): ((...args: A) => void) & { cancel(): void; flush(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last: A | undefined;
  const d = (...args: A) => {
    last = args;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      fn(...args);
    }, ms);
  };
  d.cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  d.flush = () => {
    if (timer === undefined || !last) return;
    clearTimeout(timer);
    timer = undefined;
    fn(...last);
  };
  return d;
}
