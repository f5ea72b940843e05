// Runs a check now and every few seconds while the tab is visible: stops when it is hidden (no requests from
// a background tab) and checks again as soon as it is shown.

export interface VisiblePoll {
  stop(): void;
}

/** `check` answers how many seconds to wait before the next turn (so the server may set the pace). */
export function visiblePoll(check: () => Promise<number>): VisiblePoll {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  let running = false;
  const schedule = (seconds: number) => {
    if (stopped || document.visibilityState !== 'visible') return;
    timer = setTimeout(turn, seconds * 1000);
  };
  const turn = async () => {
    timer = null;
    if (stopped || running || document.visibilityState !== 'visible') return;
    running = true;
    let seconds = 15;
    try {
      seconds = await check();
    } catch {
      // The check shows its own failures; the poll goes on.
    }
    running = false;
    schedule(seconds);
  };
  const onVisibility = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (document.visibilityState === 'visible') void turn();
  };
  document.addEventListener('visibilitychange', onVisibility);
  void turn();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    },
  };
}
