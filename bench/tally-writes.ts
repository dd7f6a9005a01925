/**
 * What the member tallies add to a write (not a test): `npx tsx bench/tally-writes.ts URL` on a
 * national installation (PostgreSQL). For 200 open member periods it writes a transfer as the
 * application does — close the period, open the next — in a transaction it rolls back, every
 * other one with the tally triggers deferred (`dangvien.tally_deferred`), and prints the median
 * and p95 of both. The name-search triggers run in both. Writes bench/results/tally-writes.json.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

const client = new pg.Client({ connectionString: process.argv[2] });
await client.connect();
await client.query('set jit = off');
const { rows } = await client.query<{
  id: number;
  membership_id: number;
  person_id: number;
  organization_id: number;
  unit_id: number | null;
  status: string;
}>(
  `select id, membership_id, person_id, organization_id, unit_id, status from member_periods where valid_to = '9999-12-31' order by id limit 400 offset 100000`,
);
const times: Record<string, number[]> = { on: [], off: [] };
for (let i = 0; i < rows.length; i++) {
  const r = rows[i]!;
  const mode = i % 2 === 0 ? 'on' : 'off';
  await client.query('begin');
  if (mode === 'off') await client.query("set local dangvien.tally_deferred = 'on'");
  const t = performance.now();
  // A transfer as the application writes it: close the period, open the next one.
  await client.query(
    `update member_periods set valid_to = '2026-11-27', end_reason = 'transferred' where id = $1`,
    [r.id],
  );
  await client.query(
    `insert into member_periods (membership_id, person_id, organization_id, unit_id, status, start_reason, valid_from) values ($1, $2, $3, $4, $5, 'transferred', '2026-11-27')`,
    [r.membership_id, r.person_id, r.organization_id, r.unit_id, r.status],
  );
  times[mode]!.push(performance.now() - t);
  await client.query('rollback');
}
const med = (x: number[]) => {
  const s = [...x].sort((a, b) => a - b);
  return Math.round(s[Math.floor(s.length / 2)]! * 100) / 100;
};
const p95 = (x: number[]) => {
  const s = [...x].sort((a, b) => a - b);
  return Math.round(s[Math.floor(s.length * 0.95)]! * 100) / 100;
};
const result = {
  withTally: { median: med(times.on!), p95: p95(times.on!) },
  deferred: { median: med(times.off!), p95: p95(times.off!) },
  transfersEach: rows.length / 2,
  date: new Date().toISOString(),
};
console.log(JSON.stringify(result));
writeFileSync(
  resolve(import.meta.dirname, 'results', 'tally-writes.json'),
  `${JSON.stringify(result, null, 2)}\n`,
);
await client.end();
