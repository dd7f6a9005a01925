import type { AppContext } from '../../server/context.ts';
import { systemActor } from '../../server/access/actor.ts';
import type { UserRole } from '../../shared/account-contracts.ts';
import { createUser } from '../../server/modules/accounts/accounts.service.ts';
import { randomPassword } from '../../server/modules/accounts/accounts.rules.ts';

/** A login of the demo installation, printed by `dangvien demo`. */
export interface DemoLogin {
  username: string;
  role: UserRole;
  organization: string;
  password: string;
}

/** One user per role at the organizations of issue 3 (the tree of SPEC §6). */
const DEMO_USERS: readonly {
  username: string;
  role: UserRole;
  organization: string;
  displayName: string;
}[] = [
  { username: 'admin', role: 'admin', organization: 'DB', displayName: 'Ban Tổ chức Tỉnh ủy' },
  {
    username: 'officer',
    role: 'officer',
    organization: 'X-DBD',
    displayName: 'Cán bộ Đảng ủy xã Điện Biên Đông',
  },
  { username: 'trainer', role: 'trainer', organization: 'DB', displayName: 'Trung tâm chính trị' },
  {
    username: 'viewer',
    role: 'viewer',
    organization: 'X-NS',
    displayName: 'Lãnh đạo xã Na Son (chỉ xem)',
  },
];

/**
 * Creates the demo's users with passwords generated now (never a fixed one, so a demo database
 * copied elsewhere is not an open door) and returns the logins to print.
 */
export async function createDemoUsers(ctx: AppContext): Promise<DemoLogin[]> {
  const actor = systemActor('demo');
  const logins: DemoLogin[] = [];
  for (const user of DEMO_USERS) {
    const password = randomPassword();
    await createUser(ctx, actor, {
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      organizationCode: user.organization,
      password,
    });
    logins.push({
      username: user.username,
      role: user.role,
      organization: user.organization,
      password,
    });
  }
  return logins;
}
