import * as esbuild from 'esbuild';
const entry = process.argv[2];
const r = await esbuild.build({ entryPoints: [entry], bundle: true, minify: true, write: false, metafile: true, format: 'iife', jsx: 'automatic', jsxImportSource: 'preact', loader: { '.css': 'text' }, alias: { 'wxt/browser': '@wxt-dev/browser' }, logLevel: 'error' });
const out = Object.values(r.metafile.outputs)[0];
console.log('total', (out.bytes/1024).toFixed(1));
const by = {};
for (const [k, v] of Object.entries(out.inputs)) { const g = k.replace(/^.*node_modules\/([^/]+(\/[^/]+)?).*/, 'nm:$1'); by[g] = (by[g]||0) + v.bytesInOutput; }
for (const [k, v] of Object.entries(by).sort((a,b)=>b[1]-a[1]).slice(0, 40)) console.log((v/1024).toFixed(2).padStart(6), k);
