/**
 * A bench page's script, bundled for Chromium from `entry` in this folder: its files by extension
 * (.js, and .css where it imports styles). `forHash` gives the code to hash rather than run: an
 * ES module (which keeps the entry's exports), minified, so that no comment names where the
 * files lie (a worktree's node_modules is a link elsewhere).
 */
import { join } from 'node:path';
import { build } from 'esbuild';

export async function browserBundle(entry: string, forHash = false): Promise<{ js: string; css: string }> {
  const out = await build({
    entryPoints: [join(import.meta.dirname, entry)],
    bundle: true,
    format: forHash ? 'esm' : 'iife',
    minify: forHash,
    platform: 'browser',
    target: 'chrome120',
    outdir: 'out',
    write: false,
    logLevel: 'error',
  });
  const file = (ext: string) => out.outputFiles.find((f) => f.path.endsWith(ext))?.text ?? '';
  return { js: file('.js'), css: file('.css') };
}
