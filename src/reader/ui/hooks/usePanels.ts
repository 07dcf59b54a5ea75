/** Which of the reader's panels is open (at most one at a time), and where keyboard focus goes with them. */
import { useEffect, useRef, useState, type MutableRef } from 'preact/hooks';

export type Panel = 'settings' | 'chapters' | 'speech' | 'save' | null;

/** The open panel; focus follows it within `root`, the reader's dialog (see usePanelFocus). */
export function usePanels(root: MutableRef<HTMLElement | null>) {
  const [panel, setPanel] = useState<Panel>(null);
  usePanelFocus(panel, root);
  /** Opens `p`, or closes it when it is the one open. */
  const toggle = (p: Exclude<Panel, null>) => setPanel((cur) => (cur === p ? null : p));
  return { panel, setPanel, toggle };
}

const FOCUSABLE = 'button:not(:disabled), a[href], select:not(:disabled), input:not(:disabled), [tabindex]:not([tabindex="-1"])';

/**
 * Focus follows the panels, as in a menu: into a panel as it opens (the current chapter in the
 * chapter list, else its first control), and back to the panel's toolbar button as it closes,
 * when focus was in the panel (Escape) rather than already on the button.
 */
function usePanelFocus(panel: Panel, root: MutableRef<HTMLElement | null>): void {
  const last = useRef<Panel>(null);
  useEffect(() => {
    const was = last.current;
    last.current = panel;
    const el = root.current;
    if (!el) return;
    if (panel) {
      const box = el.querySelector<HTMLElement>(`.panel.${panel}`);
      const target = box?.querySelector<HTMLElement>('[aria-current="page"]') ?? box?.querySelector<HTMLElement>(FOCUSABLE);
      target?.focus({ preventScroll: true });
    } else if (was) {
      const active = el.getRootNode() instanceof ShadowRoot ? (el.getRootNode() as ShadowRoot).activeElement : document.activeElement;
      if (!active || active === el || !el.contains(active)) el.querySelector<HTMLElement>(`.${was}-toggle`)?.focus({ preventScroll: true });
    }
  }, [panel]);
}
