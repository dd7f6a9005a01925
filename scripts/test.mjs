// `npm test`: builds the web app, then runs the unit, integration and browser tests once.
// Integration tests run on SQLite, and on PostgreSQL too when TEST_DATABASE_URL is set.
// Browser tests need Debian's Chromium at /usr/bin/chromium. The last line is "N passed, N failed".
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const say = (message) => console.log(`test: ${message}`);
if (process.env.TEST_DATABASE_URL)
  say(`PostgreSQL pass on ${new URL(process.env.TEST_DATABASE_URL).host}`);
else say('PostgreSQL pass SKIPPED: set TEST_DATABASE_URL=postgres://user:pass@host/db to run it');
if (!existsSync('/usr/bin/chromium'))
  say(
    'browser tests SKIPPED: /usr/bin/chromium is missing (apt-get install chromium fonts-noto-core)',
  );

if (existsSync('src/web/index.html')) {
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (build.status !== 0) {
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

mkdirSync('test-results', { recursive: true });
const report = 'test-results/vitest.json';
const run = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  {
    stdio: 'inherit',
    env: { ...process.env, DANGVIEN_QUIET_SKIP: process.env.DANGVIEN_QUIET_SKIP ?? '' },
  },
);
let passed = 0;
let failed = 0;
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests ?? 0;
  failed = json.numFailedTests ?? 0;
  // A file that fails to load has no failed test but fails the run.
  if (run.status !== 0 && failed === 0) failed = Math.max(1, json.numFailedTestSuites ?? 0);
} catch {
  failed = Math.max(failed, 1);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
