import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { knownHostPatterns } from './utils/sites';

// Fixed so Firefox keeps one extension identity (and one page origin in the browser tests).
export const GECKO_ID = 'slipcase@slipcase.org';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere: a reader of a file sees where each name comes from.
  imports: false,
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: 'Slipcase',
    description: 'Reader mode, offline library and content-rating warnings for fan-fiction archives.',
    // activeTab + scripting: on any other site Slipcase runs only when the reader clicks it.
    permissions: ['activeTab', 'scripting', 'storage'],
    host_permissions: knownHostPatterns(),
    action: { default_title: 'Slipcase' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android gained data_collection_permissions in 142.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
