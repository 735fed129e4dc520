// useCountdown(endsAt): time left until `endsAt` on the server's clock (the SDK's serverNow()), so every
// client shows the same number. It re-renders when the whole second changes, timed to the server's second
// boundaries, so all screens flip together.
import { useEffect, useState } from 'react';
import { useBidwireClient } from './use-bidwire.js';

export interface Countdown {
  /** Whole seconds left, rounded up (10 while 9.2 s remain); 0 once ended; null without an end time. */
  secondsLeft: number | null;
  /** `endsAt` has passed on the server's clock (the server closes the lot by itself right then). */
  ended: boolean;
  /** `m:ss` (or `h:mm:ss`), '' without an end time. */
  label: string;
}

export function useCountdown(endsAt: string | number | Date | null | undefined): Countdown {
  const client = useBidwireClient();
  const target = endsAt === null || endsAt === undefined ? null : new Date(endsAt).getTime();
  const secondsAt = () => (target === null || Number.isNaN(target) ? null : Math.max(0, Math.ceil((target - client.serverNow()) / 1000)));
  // Kept with the end time it was computed for: a new end time shows right away, not one render later.
  const [state, setState] = useState(() => ({ target, secondsLeft: secondsAt() }));
  const secondsLeft = state.target === target ? state.secondsLeft : secondsAt();

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let active = true;
    const tick = () => {
      clearTimeout(timer);
      const left = secondsAt();
      setState((current) => (current.target === target && current.secondsLeft === left ? current : { target, secondsLeft: left }));
      if (left === null || left === 0 || target === null) return;
      // Wake just after the next whole second of server time; the clock offset may have been refined since.
      const msToBoundary = (target - client.serverNow()) % 1000;
      timer = setTimeout(tick, (msToBoundary <= 0 ? 1000 : msToBoundary) + 5);
    };
    tick();
    // The first countdown of a client waits for the first clock measurement instead of showing local time.
    if (!measured.has(client)) {
      measured.add(client);
      void client.syncClock().then(() => active && tick(), () => undefined);
    }
    return () => {
      active = false;
      clearTimeout(timer);
    };
    // secondsAt reads only client and target.
  }, [client, target]);

  return { secondsLeft, ended: secondsLeft === 0, label: formatSeconds(secondsLeft) };
}

const measured = new WeakSet<object>();

export function formatSeconds(seconds: number | null): string {
  if (seconds === null) return '';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
