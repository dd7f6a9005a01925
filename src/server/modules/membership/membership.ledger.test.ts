/**
 * One owner per table (STYLE.md habit 12): only `membership.ledger.ts` writes `memberships` and
 * `member_periods`. This scans every `src/**\/*.ts` for a write to them — Kysely's
 * `insertInto`/`updateTable`/`deleteFrom`/`replaceInto`/`mergeInto` on either table, raw SQL
 * `insert into`/`update`/`delete from`/`truncate`/`merge into`/`copy` on them, `insertMany` of
 * db/bulk.ts naming them, or a write over a list of table names that includes them — and fails
 * on any file outside the exceptions below.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, sourcesOutside } from '../../../../test/support/source-scan.ts';

/** Files (or folders, ending in '/') that may write the membership tables, and why. */
const ALLOWED: Record<string, string> = {
  'src/server/modules/membership/membership.ledger.ts': 'the owner',
  'src/server/modules/membership/membership.ledger.test.ts':
    'this check (the patterns it looks for)',
  'src/server/db/migrations/':
    'frozen, dated schema changes: they create the tables and the triggers that read them',
  'src/server/db/bulk.ts':
    'the generic multi-row insert the generators load whole tables with (ids assigned in memory)',
  'src/sample/':
    'the demo and the national generator: sample data bulk-loaded through db/bulk.ts into an empty database (millions of periods), not a use case',
};

const TABLE = String.raw`(?:memberPeriods|memberships|member_periods)`;
const PATTERNS: RegExp[] = [
  // Kysely builders: insertInto('memberPeriods'), updateTable('memberships as m'), …
  new RegExp(
    String.raw`\.(?:insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(\s*['"\`]${TABLE}\b`,
  ),
  // Raw SQL, in sql`` templates or strings.
  new RegExp(
    String.raw`\b(?:insert\s+(?:or\s+\w+\s+)?into|update|delete\s+from|truncate(?:\s+table)?|merge\s+into|copy|replace\s+into)\s+(?:"?public"?\.)?"?${TABLE}"?\b`,
    'i',
  ),
  // db/bulk.ts helpers given the table by name.
  new RegExp(String.raw`\binsertMany\(\s*\w+\s*,\s*['"\`]${TABLE}['"\`]`),
];
/** A write whose table is a variable, in a file that also names a membership table. */
const DYNAMIC_WRITE = /\.(?:insertInto|updateTable|deleteFrom)\(\s*[A-Za-z_$][\w$]*\s*\)/;
const TABLE_LITERAL = new RegExp(String.raw`['"\`]${TABLE}['"\`]`);

/** The writes to the membership tables in a file's text, as "line: text". */
function membershipWrites(text: string): string[] {
  const lines = text.split('\n');
  const hits: string[] = [];
  // Kysely chains break lines after the dot: look at each line with the next one joined.
  lines.forEach((line, i) => {
    const joined = `${line} ${lines[i + 1]?.trim() ?? ''}`;
    if (PATTERNS.some((p) => p.test(line) || (p.test(joined) && !p.test(lines[i + 1] ?? ''))))
      hits.push(`${i + 1}: ${line.trim()}`);
  });
  if (DYNAMIC_WRITE.test(text) && TABLE_LITERAL.test(text)) {
    lines.forEach((line, i) => {
      if (DYNAMIC_WRITE.test(line)) hits.push(`${i + 1}: ${line.trim()} (table from a list)`);
    });
  }
  return hits;
}

describe('the membership ledger owns memberships and member periods', () => {
  it('finds the kinds of writes it looks for', () => {
    expect(membershipWrites("await db.insertInto('memberPeriods').values(row)")).toHaveLength(1);
    expect(membershipWrites("db\n  .updateTable('memberships')\n  .set(x)")).toHaveLength(1);
    expect(membershipWrites("db.deleteFrom('memberPeriods as mp')")).toHaveLength(1);
    expect(membershipWrites('sql`UPDATE member_periods SET valid_to = ${on}`')).toHaveLength(1);
    expect(
      membershipWrites("'insert into public.memberships (person_id) values (1)'"),
    ).toHaveLength(1);
    expect(membershipWrites("await insertMany(trx, 'memberPeriods', periods);")).toHaveLength(1);
    expect(
      membershipWrites(
        "for (const t of ['memberPeriods', 'candidates'] as const) await db.updateTable(t).set(x);",
      ),
    ).toHaveLength(1);
    // Reads are anyone's.
    expect(
      membershipWrites("db.selectFrom('memberPeriods').innerJoin('memberships as m', …)"),
    ).toEqual([]);
    expect(membershipWrites('sql`select 1 from member_periods mp join memberships m`')).toEqual([]);
  });

  it('no file outside the ledger and the listed bulk loaders writes them', () => {
    const offenders: string[] = [];
    for (const { file, text } of sourcesOutside(ALLOWED))
      for (const hit of membershipWrites(text)) offenders.push(`${file}:${hit}`);
    expect(offenders, 'write through src/server/modules/membership/membership.ledger.ts').toEqual(
      [],
    );
  });

  it('the ledger itself writes them (the scan is not looking at nothing)', () => {
    const ledger = readFileSync(
      join(ROOT, 'src/server/modules/membership/membership.ledger.ts'),
      'utf8',
    );
    expect(membershipWrites(ledger).length).toBeGreaterThan(5);
  });
});
