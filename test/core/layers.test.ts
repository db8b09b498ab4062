// The core's layers import downwards only, the front ends only the core and node/, and no
// module reaches itself again through its imports (type imports count: they shape the code too).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const sourceRoot = path.resolve(__dirname, '../../../server/src');

/** Lowest first; a module may import from its own layer and those before it. */
const layers: [name: string, pattern: RegExp][] = [
  ['text', /^core\/(types|text|quote|paths|access|globMatch|problems|memo|patchedList|duration|failure|classify)\.ts$/],
  ['nginx', /^core\/nginx\//],
  ['backends', /^core\/backends\//],
  ['deployment', /^core\/deployment\//],
  ['link', /^core\/(analysis|link|linkFastcgi|locate|settings|settingsFile)\.ts$/],
  ['checks', /^core\/(checks\/|pictures\/|navigation\.ts$|hover\.ts$|chains\.ts$)/],
  ['engine', /^core\/(workspace|deployments)\.ts$/],
  ['node', /^node\//],
  ['front ends', /^(cli|lsp|tools)\//],
];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The project files a module imports or re-exports from. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/^(?:import|export)\b[^;]*?\bfrom '(\.[^']+)'/gms)) {
    const target = path.resolve(path.dirname(file), match[1]);
    found.push(fs.existsSync(`${target}.ts`) ? `${target}.ts` : path.join(target, 'index.ts'));
  }
  return found;
}

const relative = (file: string) => path.relative(sourceRoot, file).split(path.sep).join('/');
const layerOf = (file: string) => layers.findIndex(([, pattern]) => pattern.test(relative(file)));
const files = sources(sourceRoot);
const graph = new Map(files.map((file) => [file, importsOf(file)]));

test('every source file belongs to a layer', () => {
  assert.deepEqual(files.filter((file) => layerOf(file) < 0).map(relative), []);
});

test('layers import downwards only; the CLI and the language server not each other', () => {
  const upward: string[] = [];
  for (const [file, targets] of graph) {
    for (const target of targets) {
      const [from, to] = [layerOf(file), layerOf(target)];
      if (from < 0 || to < 0) continue; // said by the test above
      const sideways = from === to && relative(file).split('/')[0] !== relative(target).split('/')[0] && layers[from][0] === 'front ends';
      if (to > from || sideways) upward.push(`${relative(file)} (${layers[from][0]}) imports ${relative(target)} (${layers[to]?.[0]})`);
    }
  }
  assert.deepEqual(upward, []);
});

test('no module imports itself again through others', () => {
  // Tarjan's strongly connected components: a component of more than one file is a cycle.
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string) => {
    index.set(file, next);
    low.set(file, next++);
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!graph.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) low.set(file, Math.min(low.get(file)!, index.get(target)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(relative(member));
    } while (member !== file);
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  assert.deepEqual(cycles, []);
});
