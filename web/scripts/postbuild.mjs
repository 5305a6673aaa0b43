// After `vite build`: gzip every compressible file next to it (the server sends the .gz to
// browsers that accept gzip) and print the size of each route — the JavaScript and CSS a
// route needs beyond the entry — and of the first screen (entry + sign-in page), checked
// against the 250 KB gzipped budget.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const out = process.env.HOPTAC_WEB_OUT || 'dist';
const BUDGET = 250 * 1024;

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const gz = new Map();
for (const file of walk(out)) {
  if (file.endsWith('.gz') || file.endsWith('manifest.json')) continue;
  const data = readFileSync(file);
  const zipped = gzipSync(data, { level: 9 });
  gz.set(relative(out, file), zipped.length);
  if (/\.(js|css|html|json|svg|txt|map)$/.test(file) && data.length > 512 && zipped.length < data.length * 0.9) {
    writeFileSync(`${file}.gz`, zipped);
  }
}

const manifest = JSON.parse(readFileSync(join(out, '.vite', 'manifest.json'), 'utf8'));
const size = (file) => gz.get(file) ?? 0;
function closure(key, seen = new Set()) {
  const chunk = manifest[key];
  if (!chunk || seen.has(key)) return seen;
  seen.add(key);
  for (const dep of chunk.imports ?? []) closure(dep, seen);
  return seen;
}
function files(keys) {
  const set = new Set();
  for (const k of keys) {
    set.add(manifest[k].file);
    for (const css of manifest[k].css ?? []) set.add(css);
  }
  return set;
}
const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
const entryFiles = files(closure(entryKey));
const sum = (set) => [...set].reduce((n, f) => n + size(f), 0);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const routes = Object.keys(manifest).filter((k) => manifest[k].isDynamicEntry && /(Page)\.tsx$/.test(k));
const rows = [['entry (shell)', sum(entryFiles)]];
let firstScreen = sum(entryFiles);
for (const key of routes.sort()) {
  const own = [...files(closure(key))].filter((f) => !entryFiles.has(f));
  const name = key.replace(/^src\//, '').replace(/\.tsx$/, '');
  rows.push([name, sum(new Set(own))]);
  if (name.endsWith('LoginPage')) firstScreen += sum(new Set(own));
}
const lazy = Object.keys(manifest)
  .filter((k) => manifest[k].isDynamicEntry && !routes.includes(k))
  .map((k) => [`  on demand: ${k.replace(/^src\//, '')}`, sum(new Set([...files(closure(k))].filter((f) => !entryFiles.has(f))))]);

console.log('\nhoptac web: JavaScript and CSS per route (gzipped, beyond the entry)');
for (const [name, n] of [...rows, ...lazy]) console.log(`  ${name.padEnd(40)} ${kb(n).padStart(10)}`);
console.log(`  ${'first screen (entry + sign-in)'.padEnd(40)} ${kb(firstScreen).padStart(10)}  budget ${kb(BUDGET)}`);
if (firstScreen > BUDGET) {
  console.error(`hoptac web: the first screen needs ${kb(firstScreen)} gzipped, over the ${kb(BUDGET)} budget`);
  process.exit(1);
}
writeFileSync(join(out, 'sizes.json'), JSON.stringify({ firstScreen, routes: Object.fromEntries([...rows, ...lazy]) }, null, 1));
