/**
 * Who is using the app. GET /session answers the signed-in user with their abilities and the
 * CSRF token for writes; 401 means signed out; 404 means the server has no accounts yet and
 * trusts the local machine, so the app acts as signed in with every ability. Signed out on an
 * installation that GET /setup says is not initialised, the app shows the first-run screen.
 */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiGet, apiSend, setCsrfToken } from '../../api/client.ts';
import type { SessionAnswer, SessionUser } from '../../api/types.ts';
import type { SetupStatus } from '../../../shared/setup-contracts.ts';
import { ErrorState, Loading } from '../../components/States.tsx';

/** The session as the UI sees it. */
export type Session =
  | { status: 'local' }
  | { status: 'signedIn'; user: SessionUser; abilities: ReadonlySet<string> }
  | { status: 'signedOut' }
  /** Signed out on an empty installation: the first-run screen creates its top organization. */
  | { status: 'firstRun' };

interface SessionContextValue {
  session: Session;
  /** Whether the user may do something; in local mode everything is allowed. */
  can: (ability: string) => boolean;
  signIn: (username: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

function abilitySet(abilities: SessionAnswer['abilities']): ReadonlySet<string> {
  if (!abilities) return new Set();
  if (Array.isArray(abilities)) return new Set(abilities);
  return new Set(
    Object.entries(abilities)
      .filter(([, v]) => v)
      .map(([k]) => k),
  );
}

function toSession(answer: SessionAnswer): Session {
  setCsrfToken(answer.csrfToken ?? null);
  return { status: 'signedIn', user: answer.user, abilities: abilitySet(answer.abilities) };
}

async function loadSession(): Promise<Session> {
  try {
    return toSession(await apiGet<SessionAnswer>('/session'));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      const setup = await apiGet<SetupStatus>('/setup').catch(() => ({ initialised: true }));
      return setup.initialised ? { status: 'signedOut' } : { status: 'firstRun' };
    }
    if (error instanceof ApiError && error.status === 404) return { status: 'local' };
    throw error;
  }
}

/** Loads the session once and provides it to the app. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: ['session'],
    queryFn: loadSession,
    staleTime: Infinity,
    retry: false,
  });
  const signInMutation = useMutation({
    mutationFn: (input: { username: string; password: string }) =>
      apiSend<SessionAnswer>('POST', '/session', input),
    onSuccess: (answer) => {
      client.setQueryData(['session'], toSession(answer));
    },
  });
  const value = useMemo<SessionContextValue | null>(() => {
    if (!query.data) return null;
    const session = query.data;
    return {
      session,
      can: (ability) =>
        session.status === 'local' ||
        (session.status === 'signedIn' && session.abilities.has(ability)),
      signIn: async (username, password) => {
        await signInMutation.mutateAsync({ username, password });
      },
      signOut: async () => {
        try {
          await apiSend('DELETE', '/session');
        } finally {
          setCsrfToken(null);
          // Keep the session query (its observer must see "signed out"); drop everything else,
          // so the next user never sees the previous one's data from the cache.
          client.setQueryData(['session'], { status: 'signedOut' } satisfies Session);
          client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
        }
      },
    };
  }, [query.data, signInMutation, client]);
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!value) return <Loading />;
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The current session; only inside SessionProvider. */
export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
