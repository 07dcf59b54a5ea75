import { createRequire } from 'node:module';
import { join } from 'node:path';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { DYSLEXIC_FONT } from './src/reader/settings';
import { knownHostPatterns, SITES } from './src/sites/registry';
import { readerSiteIds, siteContentScripts, siteCoverStyles, siteScriptName, writeSiteScripts } from './scripts/lib/site-scripts';
import { readerSiteScript } from './src/sites/host-site';

const require = createRequire(import.meta.url);

/** The generated per-site scripts (scripts/lib/site-scripts.ts): the always-on ones and the reader's. */
const SITE_SCRIPTS = new Set([
  ...SITES.filter((s) => s.hosts.length).map((s) => siteScriptName(s.id)),
  ...readerSiteIds().map(readerSiteScript),
]);

// Fixed so Firefox keeps one extension identity (and one page origin in the browser tests).
export const GECKO_ID = 'slipcase@slipcase.org';

/**
 * The extension's own pages (popup, options, offline reader, Chrome's offscreen document, Firefox's
 * background page) load nothing from the web: a saved story's pictures, styles or fonts would tell
 * their hosts who reads what. The one exception is fetch(), by which the save runner reads archive
 * pages; blob: is a page's own memory (the backup file it offers), not the network. Inline styles
 * stay: stories keep their alignment and emphasis, the interstitial its <style>; with img-src and
 * font-src closed, no style can load anything. <base> may name only a web address: the save runner
 * reads each fetched page in a parsed copy whose <base> is the page's own address (see keepBase in
 * src/reader/extract.ts), and Chromium holds such copies to this policy: with 'none' their
 * baseURI stayed the extension page's, so Readability resolved a saved page's relative links and
 * pictures against the extension. A story's own <base> never reaches an extension page: the
 * sanitiser drops it.
 */
const EXTENSION_PAGES_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "object-src 'none'",
  "img-src 'self' data:",
  "font-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self' blob: https: http:",
  'base-uri https: http:',
  "form-action 'none'",
].join('; ');

export default defineConfig({
  // One folder per feature under src/ (core, sites, warnings, reader, library, shell), entrypoints beside them.
  srcDir: 'src',
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere: a reader of a file sees where each name comes from.
  imports: false,
  vite: () => ({ plugins: [preact()] }),
  hooks: {
    // Each site's always-on content script, generated from the registry (scripts/lib/site-scripts.ts).
    'entrypoints:found': (wxt, infos) => {
      infos.push(...writeSiteScripts(join(wxt.config.wxtDir, 'site-scripts')));
    },
    // They are built as unlisted scripts and listed here, each on its own site's hosts.
    'build:manifestGenerated': (_wxt, manifest) => {
      manifest.content_scripts = [...(manifest.content_scripts ?? []), ...siteContentScripts()];
    },
    // The sites' scripts use the browser's own promise-based API (the reader's use none): Chrome's MV3 and Firefox's both
    // answer the few calls they make (sendMessage, storage) with promises, and the polyfill would
    // be half of each script.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.every((e) => SITE_SCRIPTS.has(e.name))) return;
      const alias = config.resolve?.alias;
      const rest = Array.isArray(alias) ? alias : Object.entries(alias ?? {}).map(([find, replacement]) => ({ find, replacement }));
      config.resolve = { ...config.resolve, alias: [{ find: /^wxt\/browser$/, replacement: '@wxt-dev/browser' }, ...rest] };
    },
    // The reader's dyslexia-friendly font (OpenDyslexic, SIL OFL 1.1) ships inside the extension.
    'build:publicAssets': (_wxt, files) => {
      for (const { file } of DYSLEXIC_FONT.faces) {
        const source = file.replace(/^fonts\/opendyslexic-/, '@fontsource/opendyslexic/files/opendyslexic-latin-');
        files.push({ absoluteSrc: require.resolve(source), relativeDest: file });
      }
      files.push({ absoluteSrc: require.resolve('@fontsource/opendyslexic/LICENSE'), relativeDest: DYSLEXIC_FONT.licence });
      // Each site's cover style, listed in the manifest with its script (scripts/lib/site-scripts.ts).
      files.push(...siteCoverStyles());
    },
  },
  manifest: ({ browser, manifestVersion }) => ({
    name: 'Slipcase',
    description: 'Reader mode, offline library and content-rating warnings for fan-fiction archives.',
    // activeTab + scripting: on any other site Slipcase runs only when the reader clicks it (the
    // toolbar button, the reader shortcut or the context menu item).
    // unlimitedStorage: the offline library may outgrow the default quota, and must not be
    // evicted under storage pressure. alarms: the schedule for checking saved works for new chapters.
    permissions: [
      'activeTab',
      'scripting',
      'storage',
      'contextMenus',
      'unlimitedStorage',
      'alarms',
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    host_permissions: knownHostPatterns(),
    // A site of the reader's own, one host at a time, only when they switch Slipcase on for it
    // there (src/sites/ext/user-sites.ts). Firefox's MV2 lists optional hosts among optional_permissions.
    ...(manifestVersion === 3 ? { optional_host_permissions: ['*://*/*'] } : { optional_permissions: ['*://*/*'] }),
    content_security_policy: manifestVersion === 3 ? { extension_pages: EXTENSION_PAGES_CSP } : EXTENSION_PAGES_CSP,
    action: { default_title: 'Slipcase' },
    commands: {
      // src/reader/ext/open-reader.ts#READER_COMMAND; readers can change the keys in the browser's shortcut
      // settings. Not Alt+Shift+R: Chromium keeps that one for itself and would assign none.
      'open-reader': { suggested_key: { default: 'Alt+Shift+S' }, description: 'Open or close the reader view' },
    },
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
      : {
          // Chrome lets a content script fetch the reader's font files only if they are web-accessible
          // (Firefox does without); the dynamic URL keeps pages from probing for the extension.
          web_accessible_resources: [{ resources: ['fonts/*.woff2'], matches: ['<all_urls>'], use_dynamic_url: true }],
        }),
  }),
});
