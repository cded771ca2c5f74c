import { useCallback, useEffect, useEffectEvent, useRef, useState } from 'react';

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'mousemove'] as const;
const CHANNEL = 'openiop-activity';

interface IdleOptions {
  minutes: number;
  /** Called once when the user has been inactive for `minutes` (in every open tab). */
  onTimeout: () => void;
  /** Tells the server the user is still working, so its own idle clock does not end the session. */
  keepAlive: () => void;
  lastServerContact: () => number;
}

export interface IdleState {
  /** Seconds until sign-out while the warning shows; null otherwise. */
  secondsLeft: number | null;
  stayActive: () => void;
}

/**
 * Signs the user out after a stretch without keyboard, pointer or touch activity (SPEC §15).
 * Activity in any tab of the app counts, so working in one tab never signs out another.
 */
export const useIdleTimeout = ({
  minutes,
  onTimeout,
  keepAlive,
  lastServerContact,
}: IdleOptions): IdleState => {
  const timeoutMs = Math.max(1, minutes) * 60_000;
  const warnMs = Math.min(60_000, timeoutMs / 4);
  const lastActivity = useRef(Date.now());
  const lastBroadcast = useRef(0);
  const channel = useRef<BroadcastChannel | null>(null);
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);

  const fireTimeout = useEffectEvent(onTimeout);
  const fireKeepAlive = useEffectEvent(() => {
    if (Date.now() - lastServerContact() > Math.min(timeoutMs / 3, 5 * 60_000)) keepAlive();
  });

  const markActive = useCallback((at: number, broadcast: boolean) => {
    lastActivity.current = Math.max(lastActivity.current, at);
    if (broadcast && at - lastBroadcast.current > 5_000) {
      lastBroadcast.current = at;
      channel.current?.postMessage(at);
    }
  }, []);

  useEffect(() => {
    if (typeof BroadcastChannel !== 'undefined') {
      channel.current = new BroadcastChannel(CHANNEL);
      channel.current.onmessage = (event: MessageEvent<unknown>) => {
        if (typeof event.data === 'number') markActive(event.data, false);
      };
    }
    const onActivity = () => markActive(Date.now(), true);
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { passive: true });

    let timedOut = false;
    const tick = window.setInterval(() => {
      const idle = Date.now() - lastActivity.current;
      if (idle >= timeoutMs) {
        if (!timedOut) {
          timedOut = true;
          fireTimeout();
        }
        return;
      }
      if (idle >= timeoutMs - warnMs) {
        setSecondsLeft(Math.ceil((timeoutMs - idle) / 1000));
      } else {
        setSecondsLeft(null);
        if (idle < 15_000) fireKeepAlive();
      }
    }, 1_000);

    return () => {
      window.clearInterval(tick);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity);
      channel.current?.close();
      channel.current = null;
    };
  }, [timeoutMs, warnMs, markActive]);

  const stayActive = useCallback(() => {
    markActive(Date.now(), true);
    setSecondsLeft(null);
    keepAlive();
  }, [markActive, keepAlive]);

  return { secondsLeft, stayActive };
};
