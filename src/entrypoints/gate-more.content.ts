import { defineContentScript } from 'wxt/utils/define-content-script';
import { leaveGateMore } from '../warnings/ext/gate-more';
import { GATE_MORE_PARTS } from '../warnings/ext/gate-more-parts';

/** The rating gate's lazy parts, injected by the background when a site's script asks (src/warnings/ext/gate-more.ts). */
export default defineContentScript({
  registration: 'runtime',
  main: () => leaveGateMore(GATE_MORE_PARTS),
});
