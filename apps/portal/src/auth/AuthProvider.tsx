import type { MeView } from '@pacjent/contracts';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api } from '../api/endpoints';
import { closeRealtime } from '../lib/realtime';
import {
  endSession,
  mayHaveSession,
  logout as endServerSession,
  onSessionEnded,
  refreshSession,
  startSession,
} from './session';

export type AuthState =
  | { status: 'loading' }
  /** `expired`: the session ended without the patient logging out. */
  | { status: 'anonymous'; expired: boolean }
  | { status: 'authenticated'; me: MeView };

interface Auth {
  state: AuthState;
  login: (email: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });

  // On load, the refresh cookie (if any) restores the session.
  useEffect(() => {
    let active = true;
    const restore = async () => {
      if (!mayHaveSession()) return { status: 'anonymous', expired: false } as const;
      const outcome = await refreshSession();
      if (outcome.kind !== 'ok') return { status: 'anonymous', expired: false } as const;
      try {
        return { status: 'authenticated', me: await api.me() } as const;
      } catch {
        endSession(true);
        return { status: 'anonymous', expired: false } as const;
      }
    };
    void restore().then((next) => {
      if (active) setState(next);
    });
    return () => {
      active = false;
    };
  }, []);

  useEffect(
    () =>
      onSessionEnded(() => {
        closeRealtime();
        setState({ status: 'anonymous', expired: true });
      }),
    [],
  );

  const login = useCallback(async (email: string, password: string) => {
    startSession(await api.login(email, password));
    try {
      setState({ status: 'authenticated', me: await api.me() });
    } catch (error) {
      endSession(true);
      throw error;
    }
  }, []);

  const logout = useCallback(async () => {
    closeRealtime();
    try {
      await endServerSession();
    } catch {
      // The cookie may outlive a failed call; the token in memory is gone either way.
    }
    setState({ status: 'anonymous', expired: false });
  }, []);

  const value = useMemo(() => ({ state, login, logout }), [state, login, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** The signed-in patient; only for pages behind the auth guard. */
export function useMe(): MeView {
  const { state } = useAuth();
  if (state.status !== 'authenticated') throw new Error('useMe needs a signed-in patient');
  return state.me;
}
