/**
 * One owner of the tree's queries (issue 14): only the organizations module reads or writes the
 * dated tree's tables, `organization_closure` and `organization_links`. Other repositories ask
 * `tree.repository.ts` (a named question, or a piece of a query such as `joinSubtree`). This
 * scans every `src/**\/*.ts` for the tables' names — Kysely's camel case or SQL's snake case —
 * and fails on any file outside the exceptions below.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, sourcesOutside } from '../../../../test/support/source-scan.ts';

/** Files (or folders, ending in '/') that may name the tree's tables, and why. */
const ALLOWED: Record<string, string> = {
  'src/server/modules/organizations/': 'the owner',
  'src/server/db/schema.ts': 'the table types',
  'src/server/db/migrations/':
    'frozen, dated schema changes: they create the tables and the triggers that read them',
  'src/server/modules/audit/audit.repository.ts':
    'audit lies below every module (each records events), so it cannot import organizations without a module cycle; its one scope predicate (in the subtree at the event or today) stays there',
  'src/server/modules/reports/tallies.repository.ts':
    "PostgreSQL's member tallies: the same statements over today's closure (valid_to = the open end) as the triggers of migration 2026-11-27T22-00-member-tallies, which it must match row for row",
  'src/sample/':
    'the demo and the national generator: the bulk writer fills the tree of an empty database',
};

const TREE_TABLE =
  /\b(?:organizationClosure|organizationLinks|organization_closure|organization_links)\b/;

/** The lines of a file's text naming a tree table, as "line: text". */
function treeReads(text: string): string[] {
  return text
    .split('\n')
    .flatMap((line, i) => (TREE_TABLE.test(line) ? [`${i + 1}: ${line.trim()}`] : []));
}

describe('the organizations module owns the tree queries', () => {
  it('finds the names it looks for', () => {
    expect(
      treeReads(".innerJoin('organizationClosure as c', 'c.descendantId', 'k.id')"),
    ).toHaveLength(1);
    expect(treeReads("db.selectFrom('organizationLinks')")).toHaveLength(1);
    expect(treeReads('sql`join organization_closure c on c.descendant_id = x`')).toHaveLength(1);
    expect(treeReads("db.selectFrom('organizations').where('code', '=', code)")).toEqual([]);
  });

  it('no file outside the organizations module and the listed exceptions names the tree tables', () => {
    const offenders: string[] = [];
    for (const { file, text } of sourcesOutside(ALLOWED))
      for (const hit of treeReads(text)) offenders.push(`${file}:${hit}`);
    expect(offenders, 'ask src/server/modules/organizations/tree.repository.ts').toEqual([]);
  });

  it('the tree repository itself reads them (the scan is not looking at nothing)', () => {
    const tree = readFileSync(
      join(ROOT, 'src/server/modules/organizations/tree.repository.ts'),
      'utf8',
    );
    expect(treeReads(tree).length).toBeGreaterThan(5);
  });
});
