// The timers WorkerClient's watchdog runs on (the hang deadline, the heartbeat, the cancel
// grace period), behind a small seam so tests can move time themselves instead of racing it.
export interface ClientTimer {
  /** Starts the timer's period again from now (a deadline pushed back by a sign of life). */
  refresh(): void;
  cancel(): void;
}

export interface ClientTimers {
  timeout(callback: () => void, ms: number): ClientTimer;
  interval(callback: () => void, ms: number): ClientTimer;
}

export const systemTimers: ClientTimers = {
  timeout(callback, ms) {
    const timer = setTimeout(callback, ms);
    return { refresh: () => void timer.refresh(), cancel: () => clearTimeout(timer) };
  },
  interval(callback, ms) {
    const timer = setInterval(callback, ms);
    return { refresh: () => void timer.refresh(), cancel: () => clearInterval(timer) };
  },
};
