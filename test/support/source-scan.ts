import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(entry.name)) out.push(path);
  }
  return out;
}

/**
 * Every `src/**\/*.ts(x)` but those `allowed` names (a file, or a folder ending in '/'; the values
 * say why), as its path from the root and its text: what a one-owner-per-table check scans.
 */
export function sourcesOutside(allowed: Record<string, string>): { file: string; text: string }[] {
  const keys = Object.keys(allowed);
  return sourceFiles(join(ROOT, 'src'))
    .map((path) => relative(ROOT, path).split(sep).join('/'))
    .filter(
      (file) => !keys.some((key) => (key.endsWith('/') ? file.startsWith(key) : file === key)),
    )
    .map((file) => ({ file, text: readFileSync(join(ROOT, file), 'utf8') }));
}
