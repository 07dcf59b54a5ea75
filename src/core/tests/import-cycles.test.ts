/**
 * No module in src imports itself through others: a cycle makes load order decide what a module
 * sees (an import still undefined while its module loads), and it ties features into one knot.
 * Type-only imports count too: they tie the modules together just the same.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '../..');
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.d\.ts$/.test(name) ? [path] : [];
  });
}

function resolveImport(from: string, spec: string, known: ReadonlySet<string>): string | null {
  const base = resolve(dirname(from), spec.replace(/\?.*$/, ''));
  return [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')].find((p) => known.has(p)) ?? null;
}

/** Each file's relative imports that resolve to a file in `files`. */
function importGraph(files: readonly string[], read: (path: string) => string): Map<string, string[]> {
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets = [...read(file).matchAll(IMPORT)].map((m) => resolveImport(file, (m[1] ?? m[2])!, known));
    graph.set(file, [...new Set(targets.filter((t): t is string => t !== null))]);
  }
  return graph;
}

/** One cycle per strongly connected part of the graph that loops, as the path around it. */
function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

describe('import cycles', () => {
  it('finds a cycle in a small graph, and none in a tree', () => {
    const files = ['/a.ts', '/b.ts', '/c.ts'];
    const text: Record<string, string> = {
      '/a.ts': "import { b } from './b';",
      '/b.ts': "import type { C } from './c';\nexport { x } from './a';",
      '/c.ts': 'export type C = 1;',
    };
    expect(findCycles(importGraph(files, (f) => text[f]!))).toEqual([['/a.ts', '/b.ts', '/a.ts']]);
    text['/b.ts'] = "import type { C } from './c';";
    expect(findCycles(importGraph(files, (f) => text[f]!))).toEqual([]);
  });

  it('there are none in src', () => {
    const graph = importGraph(sourceFiles(SRC), (f) => readFileSync(f, 'utf8'));
    const cycles = findCycles(graph).map((c) => c.map((f) => relative(SRC, f)).join(' → '));
    expect(cycles).toEqual([]);
  });
});
