import { type ReactNode, createContext, useCallback, useContext, useEffect, useState } from 'react';
import { useApi } from '../session/SessionProvider.js';

interface InboxCountValue {
  /** Open alerts addressed to me; null until known or when alerts are not available to my role. */
  count: number | null;
  refresh: () => void;
}

const InboxCountContext = createContext<InboxCountValue>({ count: null, refresh: () => undefined });

const REFRESH_MS = 60_000;

export const InboxCountProvider = ({ children }: { children: ReactNode }) => {
  const api = useApi();
  const [count, setCount] = useState<number | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    // A hidden tab does not poll: the count is refreshed when someone can see it.
    if (tick === 0 || document.visibilityState === 'visible') {
      api.alerts.list('open', controller.signal).then(
        (alerts) => setCount(alerts.length),
        () => {
          if (!controller.signal.aborted) setCount(null);
        },
      );
    }
    const timer = window.setTimeout(() => setTick((n) => n + 1), REFRESH_MS);
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [api, tick]);

  const refresh = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [refresh]);
  return <InboxCountContext.Provider value={{ count, refresh }}>{children}</InboxCountContext.Provider>;
};

export const useInboxCount = (): InboxCountValue => useContext(InboxCountContext);
