/**
 * Slipcase's page UI lives in closed shadow roots, out of the page's reach, and so out of a
 * test's reach too. Tests record each root as it is attached, from the test's side: the product
 * code keeps no hook for them.
 */

const roots = new WeakMap<Element, ShadowRoot>();
const recording = new WeakSet<object>();

/** From now on, remember every shadow root attached in `win` (jsdom's global window unless given), closed ones too. */
export function recordShadowRoots(win: { Element: typeof Element } = globalThis): void {
  const proto = win.Element.prototype;
  if (recording.has(proto)) return;
  recording.add(proto);
  const attach = proto.attachShadow;
  proto.attachShadow = function (this: Element, init: ShadowRootInit): ShadowRoot {
    const root = attach.call(this, init);
    roots.set(this, root);
    return root;
  };
}

/** The shadow root attached to `host` since recordShadowRoots; throws when there is none. */
export function shadowOf(host: Element | null | undefined): ShadowRoot {
  const root = host ? roots.get(host) : undefined;
  if (!root) throw new Error(`no recorded shadow root on ${host?.localName ?? 'nothing'}`);
  return root;
}
