/** Which of the reader's panels is open: at most one at a time. */
import { useState } from 'preact/hooks';

export type Panel = 'settings' | 'chapters' | 'speech' | 'save' | null;

export function usePanels() {
  const [panel, setPanel] = useState<Panel>(null);
  /** Opens `p`, or closes it when it is the one open. */
  const toggle = (p: Exclude<Panel, null>) => setPanel((cur) => (cur === p ? null : p));
  return { panel, setPanel, toggle };
}
