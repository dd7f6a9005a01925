import { createDemoUsers, type DemoLogin } from '../sample/demo/accounts.ts';
import { withContext } from './common.ts';

/** Creates the demo installation's users (one per role, random passwords) and returns their logins. */
export function demoLogins(url: string): Promise<DemoLogin[]> {
  return withContext(url, createDemoUsers);
}
