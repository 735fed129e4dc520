// Turns keystrokes into few setTyping commands: `true` on the first keystroke and again every
// `refreshMs` while typing continues (the server drops an indicator after 6 s without a refresh),
// `false` after `idleMs` without a keystroke, or at once on stop() (a message sent, the view closed).
export interface TypingSender {
  /** Call on every keystroke. */
  input(): void;
  stop(): void;
}

export function createTypingSender(send: (isTyping: boolean) => void, { refreshMs = 3_000, idleMs = 3_000 } = {}): TypingSender {
  let typing = false;
  let lastSent = 0;
  let idle: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    clearTimeout(idle);
    if (!typing) return;
    typing = false;
    send(false);
  };
  return {
    input() {
      const now = Date.now();
      if (!typing || now - lastSent >= refreshMs) {
        typing = true;
        lastSent = now;
        send(true);
      }
      clearTimeout(idle);
      idle = setTimeout(stop, idleMs);
    },
    stop,
  };
}
