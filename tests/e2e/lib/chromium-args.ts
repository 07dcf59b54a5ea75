/**
 * How Slipcase's tests and benchmarks launch Chromium (playwright-core's launchPersistentContext
 * options), in one place so that the end-to-end tests and the benchmarks measure the same browser.
 */
export const CHROMIUM_EXECUTABLE = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Options for a headless Chromium, with the built extension at `extension` loaded when given.
 * `extra` switches go after the shared ones.
 */
export function chromiumOptions(extension: string | null, extra: string[] = []) {
  return {
    executablePath: CHROMIUM_EXECUTABLE,
    headless: false, // --headless=new below: the old headless mode cannot load extensions
    args: [
      '--headless=new',
      ...(extension ? [`--disable-extensions-except=${extension}`, `--load-extension=${extension}`] : []),
      // Chrome 137+ ignores --load-extension unless the first feature is off; the others would
      // try https:// first for the old http:// archives, which the fixture routes do not serve.
      '--disable-features=DisableLoadExtensionCommandLineSwitch,HttpsUpgrades,HttpsFirstBalancedModeAutoEnable',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...extra,
    ],
  };
}
