/** A bench page's script, bundled for Chromium from `entry` in this folder: its files by extension (.js, and .css where it imports styles). */
import { join } from 'node:path';
import { build } from 'esbuild';

export async function browserBundle(entry: string): Promise<{ js: string; css: string }> {
  const out = await build({
    entryPoints: [join(import.meta.dirname, entry)],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    outdir: 'out',
    write: false,
    logLevel: 'error',
  });
  const file = (ext: string) => out.outputFiles.find((f) => f.path.endsWith(ext))?.text ?? '';
  return { js: file('.js'), css: file('.css') };
}
