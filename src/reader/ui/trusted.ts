/**
 * `handler` for the reader's own input only: the page under the reader can call `el.click()` or
 * dispatch events at the reader's controls and keys, but those are not trusted (`isTrusted`), and
 * do nothing.
 */
export const trusted =
  <E extends Event>(handler: (event: E) => void) =>
  (event: E): void => {
    if (event.isTrusted) handler(event);
  };
