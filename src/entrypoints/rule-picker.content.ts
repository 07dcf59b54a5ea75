import { defineContentScript } from 'wxt/utils/define-content-script';
import { send } from '../core/ext/send';
import { startPicker } from '../sites/ui/picker/picker';

/**
 * The rule picker (src/sites/ui/picker/), injected into the tab only when the reader presses
 * "Pick on the page" in the popup. What the reader picks goes to the background, which opens the
 * rule form filled in; nothing is stored from here.
 */
export default defineContentScript({
  registration: 'runtime',
  main(ctx) {
    const host = location.hostname;
    const stop = startPicker(document, (picked) => {
      if (picked) void send({ type: 'site-rule-picked', rule: { host, ...picked } });
    });
    // Injected again (a second press) or the extension reloaded: this copy's bar goes.
    ctx.onInvalidated(stop);
  },
});
