/** Roles of SPEC §1, from most to least powerful; `system` is the CLI acting for an administrator. */
export type Role = 'system' | 'admin' | 'officer' | 'trainer' | 'viewer';

/** Who is asking: every service method takes one and asks `access` first. */
export interface Actor {
  /** Shown in the audit log. */
  username: string;
  userId: number | null;
  role: Role;
  /** The root of the subtree the actor may see; null means the whole installation. */
  organizationId: number | null;
  ip?: string | null;
  requestId?: string | null;
  /** The browser session the request came with (sign-out ends it); absent for tokens and the CLI. */
  sessionId?: number | null;
  /** A browser session of a user whose password an administrator reset: only the password change is open. */
  mustChangePassword?: boolean;
}

/** The CLI's actor: an administrator at the machine, over the whole installation. */
export function systemActor(name = 'system'): Actor {
  return { username: name, userId: null, role: 'system', organizationId: null };
}
