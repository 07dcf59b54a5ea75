/**
 * A bench page's script, bundled for Chromium from `entry` in this folder: its files by extension
 * (.js, and .css where it imports styles). As an ES module, it keeps the entry's exports: code to
 * hash rather than run.
 */
import { join } from 'node:path';
import { build } from 'esbuild';

export async function browserBundle(entry: string, format: 'iife' | 'esm' = 'iife'): Promise<{ js: string; css: string }> {
  const out = await build({
    entryPoints: [join(import.meta.dirname, entry)],
    bundle: true,
    format,
    platform: 'browser',
    target: 'chrome120',
    outdir: 'out',
    write: false,
    logLevel: 'error',
  });
  const file = (ext: string) => out.outputFiles.find((f) => f.path.endsWith(ext))?.text ?? '';
  return { js: file('.js'), css: file('.css') };
}
