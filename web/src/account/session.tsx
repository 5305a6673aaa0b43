// Who is signed in. The session lives in an HttpOnly cookie; the app keeps the user and the
// CSRF token that writes must send back.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, setCsrfToken, setUnauthenticatedHandler } from '../api/client';
import type { User } from '../api/types';
import { createSession, deleteSession, getSession } from './api';

interface Session {
  user: User | null;
  /** True until the first GET /api/v1/session has answered. */
  checking: boolean;
  /** Set when an expired session sent the user back to the sign-in page. */
  expired: boolean;
  signIn: (username: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [checking, setChecking] = useState(true);
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    let live = true;
    getSession()
      .then((info) => {
        if (!live) return;
        setCsrfToken(info.csrf_token);
        setUser(info.user);
      })
      .catch(() => {
        if (live) setUser(null);
      })
      .finally(() => {
        if (live) setChecking(false);
      });
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setUser((current) => {
        if (current) setExpired(true);
        return null;
      });
      setCsrfToken('');
    });
    return () => setUnauthenticatedHandler(null);
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    const info = await createSession(username, password);
    setCsrfToken(info.csrf_token);
    setExpired(false);
    // A new sign-in opens the user's start page again (views/useStartView.ts).
    sessionStorage.removeItem('hoptac.startViewApplied');
    setUser(info.user);
  }, []);

  const signOut = useCallback(async () => {
    try {
      await deleteSession();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
    setCsrfToken('');
    setUser(null);
  }, []);

  const value = useMemo(() => ({ user, checking, expired, signIn, signOut }), [user, checking, expired, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
