// The clock and timer a study reads: the real ones, or a test's fake clock, so budgets and
// per-trial timeouts are tested without racing real time.
export interface StudyClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realStudyClock: StudyClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
