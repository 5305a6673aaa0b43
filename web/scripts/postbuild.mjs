// After `vite build`: gzip every compressible file next to it (the server sends the .gz to
// browsers that accept gzip), print what each route costs, and check both first screens against
// the 250 KB gzipped budget, failing the build when one is over:
//   - sign-in: the entry and the sign-in page (someone not signed in opening any address);
//   - dashboard: the entry, the signed-in shell and the dashboard route (a signed-in user opening
//     the app), before ECharts and the map outlines, which load on demand.
// The survey answer page (answer.html, for /s/{token}) is a page of its own, without React: its
// JavaScript (raw, before gzip) must stay under 100 KB, and must not pull in React or antd.
// A route's size is what navigating to it from the shell loads; "opened directly" adds the entry
// and the shell (a bookmark of that page). Sizes are of the JavaScript and CSS, gzipped (level 9).
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
  if (file.endsWith('.gz') || file.endsWith('manifest.json') || file.endsWith('sizes.json')) continue;
  const data = readFileSync(file);
  const zipped = gzipSync(data, { level: 9 });
  gz.set(relative(out, file), zipped.length);
  if (/\.(js|css|html|json|svg|txt|map)$/.test(file) && data.length > 512 && zipped.length < data.length * 0.9) {
    writeFileSync(`${file}.gz`, zipped);
  }
}

const manifest = JSON.parse(readFileSync(join(out, '.vite', 'manifest.json'), 'utf8'));
const size = (file) => gz.get(file) ?? 0;
/** The chunks loaded with `key`: itself and its static imports, transitively. */
function closure(key, seen = new Set()) {
  const chunk = manifest[key];
  if (!chunk || seen.has(key)) return seen;
  seen.add(key);
  for (const dep of chunk.imports ?? []) closure(dep, seen);
  return seen;
}
/** The files (JavaScript and CSS) of the chunks loaded with any of `keys`. */
function files(...keys) {
  const set = new Set();
  for (const key of keys)
    for (const k of closure(key)) {
      set.add(manifest[k].file);
      for (const css of manifest[k].css ?? []) set.add(css);
    }
  return set;
}
const sum = (set) => [...set].reduce((n, f) => n + size(f), 0);
const minus = (a, b) => new Set([...a].filter((f) => !b.has(f)));
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const find = (suffix) => {
  const key = Object.keys(manifest).find((k) => k === `src/${suffix}`);
  if (!key) {
    console.error(`hoptac web: ${suffix} is not a chunk of its own any more; scripts/postbuild.mjs needs updating`);
    process.exit(1);
  }
  return key;
};

const entry = manifest['index.html'] ? 'index.html' : Object.keys(manifest).find((k) => manifest[k].isEntry && k !== 'answer.html');
const shell = find('Shell.tsx');
const login = find('account/LoginPage.tsx');
const dashboard = find('dashboard/DashboardPage.tsx');
const entryFiles = files(entry);
const shellFiles = files(entry, shell);

const pages = Object.keys(manifest)
  .filter((k) => manifest[k].isDynamicEntry && /Page\.tsx$/.test(k))
  .sort();
const routes = pages.map((key) => {
  const base = key === login ? entryFiles : shellFiles;
  const all = files(key === login ? entry : shell, entry, key);
  return { name: key.replace(/^src\//, '').replace(/\.tsx$/, ''), own: sum(minus(all, base)), direct: sum(all) };
});
// Loaded on demand from the shell or a page (not routes): ECharts, the map, the drawer, menus…
const lazyKeys = new Set(Object.keys(manifest).filter((k) => manifest[k].isDynamicEntry));
for (const k of Object.keys(manifest)) for (const d of manifest[k].dynamicImports ?? []) lazyKeys.add(d);
const onDemand = [...lazyKeys]
  .filter((k) => !pages.includes(k) && k !== shell)
  .map((k) => ({
    name: k.replace(/^src\//, '').replace(/^node_modules\//, '').replace(/^_(.*)-[\w-]{8}\.js$/, '$1 (shared chunk)'),
    own: sum(minus(files(k), shellFiles)),
  }))
  .sort((a, b) => a.name.localeCompare(b.name));

const screens = [
  { name: 'sign-in (entry + sign-in page)', bytes: sum(files(entry, login)) },
  { name: 'dashboard (entry + shell + dashboard)', bytes: sum(files(entry, shell, dashboard)) },
];

const col = (name, n, extra = '') => `  ${name.padEnd(52)} ${kb(n).padStart(10)}${extra}`;
console.log('\nhoptac web: JavaScript and CSS, gzipped');
console.log(col('entry', sum(entryFiles)));
console.log(col('signed-in shell (beyond the entry)', sum(minus(shellFiles, entryFiles))));
console.log(`  ${'route: beyond the shell (sign-in: the entry)'.padEnd(52)} ${'own'.padStart(10)}  ${'opened directly'.padStart(15)}`);
for (const r of routes) console.log(col(`  ${r.name}`, r.own, `  ${kb(r.direct).padStart(15)}`));
console.log('  on demand, beyond the shell');
for (const r of onDemand) console.log(col(`  ${r.name}`, r.own));

// The answer page: its own entry and what it imports, raw and gzipped.
const ANSWER_BUDGET = 100 * 1024;
const answerJs = manifest['answer.html'] ? [...files('answer.html')].filter((f) => f.endsWith('.js')) : [];
const answerRaw = answerJs.reduce((n, f) => n + statSync(join(out, f)).size, 0);
const answerText = answerJs.map((f) => readFileSync(join(out, f), 'utf8')).join('\n');
const answerReact = /Symbol\.for\(["']react\.|__REACT_DEVTOOLS|ant-design/.test(answerText);
console.log(col('answer page /s/{token} (JavaScript, gzipped)', sum(new Set(answerJs)), `  raw ${kb(answerRaw)}, budget ${kb(ANSWER_BUDGET)} raw`));
if (!manifest['answer.html']) {
  console.error('hoptac web: answer.html is not built (vite.config.ts build.rollupOptions.input)');
  process.exit(1);
}
if (answerRaw > ANSWER_BUDGET) {
  console.error(`hoptac web: the answer page's JavaScript is ${kb(answerRaw)}, over its ${kb(ANSWER_BUDGET)} budget`);
  process.exit(1);
}
if (answerReact) {
  console.error("hoptac web: the answer page's JavaScript pulls in React or antd; it must stay plain DOM");
  process.exit(1);
}
let over = false;
for (const s of screens) {
  const ok = s.bytes <= BUDGET;
  over ||= !ok;
  console.log(col(`first screen: ${s.name}`, s.bytes, `  budget ${kb(BUDGET)}${ok ? '' : '  OVER'}`));
}
writeFileSync(
  join(out, 'sizes.json'),
  JSON.stringify(
    {
      budget: BUDGET,
      firstScreens: Object.fromEntries(screens.map((s) => [s.name, s.bytes])),
      entry: sum(entryFiles),
      shell: sum(minus(shellFiles, entryFiles)),
      routes: Object.fromEntries(routes.map((r) => [r.name, { own: r.own, direct: r.direct }])),
      onDemand: Object.fromEntries(onDemand.map((r) => [r.name, r.own])),
      answerPage: { gzip: sum(new Set(answerJs)), raw: answerRaw, budget: ANSWER_BUDGET },
    },
    null,
    1,
  ),
);
if (over) {
  for (const s of screens.filter((x) => x.bytes > BUDGET))
    console.error(`hoptac web: the ${s.name} first screen needs ${kb(s.bytes)} gzipped, over the ${kb(BUDGET)} budget`);
  process.exit(1);
}
