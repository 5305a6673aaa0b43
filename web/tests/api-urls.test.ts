// Pages and components never write an API address: each feature's calls are in its api.ts,
// on top of the shared client (src/api/client.ts). Tests (fake APIs) are left out.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const root = join(__dirname, '../src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

const allowed = (path: string) =>
  path.endsWith(`${sep}api.ts`) || relative(root, path) === join('api', 'client.ts') || /\.test\.tsx?$/.test(path);

describe('API addresses', () => {
  it('are written only in api.ts modules', () => {
    const files = sources(root);
    expect(files.filter((f) => f.endsWith(`${sep}api.ts`)).length).toBeGreaterThanOrEqual(5);
    const offenders: string[] = [];
    for (const file of files.filter((f) => !allowed(f))) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/['"`]\/api\//.test(line)) offenders.push(`${relative(root, file)}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders).toEqual([]);
  });
});
