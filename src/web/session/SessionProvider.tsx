import {
  type ReactNode,
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { Me } from '../../core/api/auth.js';
import { type Api, createApi } from '../api/client.js';
import { createHttp } from '../api/http.js';

/** Why the user is on the sign-in page; shown there as a notice. */
export type SignOutReason = 'signed_out' | 'idle' | 'session_ended';

type SessionState = { status: 'checking' } | { status: 'signed_out' } | { status: 'signed_in'; me: Me };

interface SessionValue {
  state: SessionState;
  api: Api;
  /** Milliseconds since the epoch of the last answer from the server (keeps idle tracking honest). */
  lastServerContact: () => number;
  signedIn: (me: Me) => void;
  signOut: (reason: SignOutReason) => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

/** Tells the app's other tabs that the session ended, so none keeps showing patient data. */
const SESSION_CHANNEL = 'openiop-session';
const openChannel = (): BroadcastChannel | null =>
  typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(SESSION_CHANNEL);
const isReason = (value: unknown): value is SignOutReason =>
  value === 'signed_out' || value === 'idle' || value === 'session_ended';

/** A same-origin path to return to after signing in, or null for anything else. */
export const safeNext = (path: string): string | null =>
  path.startsWith('/') && !path.startsWith('//') ? path : null;

/**
 * Leaves the app by a full page load, so nothing from the session (patients, lists, forms) survives
 * in memory. The app keeps no clinical data in browser storage, so this is all there is to clear.
 */
const leaveToSignIn = (reason: SignOutReason): void => {
  const params = new URLSearchParams({ ended: reason });
  const here = `${window.location.pathname}${window.location.search}`;
  if (reason !== 'signed_out' && !window.location.pathname.startsWith('/sign-in')) params.set('next', here);
  window.location.replace(`/sign-in?${params.toString()}`);
};

export const SessionProvider = ({ children }: { children: ReactNode }) => {
  const [state, setState] = useState<SessionState>({ status: 'checking' });
  const meRef = useRef<Me | null>(null);
  const lastContact = useRef(Date.now());
  const leaving = useRef(false);

  const api = useMemo(
    () =>
      createApi(
        createHttp({
          getCsrfToken: () => meRef.current?.csrfToken ?? null,
          onServerContact: () => {
            lastContact.current = Date.now();
          },
          onSessionEnded: () => {
            if (meRef.current && !leaving.current) {
              leaving.current = true;
              meRef.current = null;
              leaveToSignIn('session_ended');
            }
          },
        }),
      ),
    [],
  );

  useEffect(() => {
    const channel = openChannel();
    if (channel) {
      channel.onmessage = (event: MessageEvent<unknown>) => {
        if (meRef.current && !leaving.current && isReason(event.data)) {
          leaving.current = true;
          meRef.current = null;
          leaveToSignIn(event.data);
        }
      };
    }
    return () => channel?.close();
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    api.auth.me(controller.signal).then(
      (me) => {
        meRef.current = me;
        setState({ status: 'signed_in', me });
      },
      () => {
        // No session, or the server is unreachable: the sign-in page reports errors of its own.
        if (!controller.signal.aborted) setState({ status: 'signed_out' });
      },
    );
    return () => controller.abort();
  }, [api]);

  const signedIn = useCallback((me: Me) => {
    meRef.current = me;
    setState({ status: 'signed_in', me });
  }, []);

  const signOut = useCallback(
    async (reason: SignOutReason) => {
      if (leaving.current) return;
      leaving.current = true;
      try {
        if (meRef.current) await api.auth.logout();
      } catch {
        // The session may already be gone on the server; leaving is what matters.
      }
      meRef.current = null;
      const channel = openChannel();
      channel?.postMessage(reason);
      channel?.close();
      leaveToSignIn(reason);
    },
    [api],
  );

  const value = useMemo<SessionValue>(
    () => ({ state, api, signedIn, signOut, lastServerContact: () => lastContact.current }),
    [state, api, signedIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
};

export const useSession = (): SessionValue => {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside SessionProvider');
  return value;
};

/** The signed-in user; only for components rendered inside the signed-in shell. */
export const useMe = (): Me => {
  const { state } = useSession();
  if (state.status !== 'signed_in') throw new Error('useMe needs a signed-in session');
  return state.me;
};

export const useApi = (): Api => useSession().api;
