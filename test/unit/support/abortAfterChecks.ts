// A cancel that comes from inside the work, not from a timer: the signal turns aborted on the
// n-th time the work looks at it, so the test is the same on a fast machine and a slow one.
const abortedGetter = Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'aborted')!.get!;

export interface CountingAbort {
  signal: AbortSignal;
  /** How many times the work has looked at the signal so far. */
  readonly checks: number;
}

export function abortAfterChecks(n: number): CountingAbort {
  const controller = new AbortController();
  const state = { checks: 0 };
  Object.defineProperty(controller.signal, 'aborted', {
    get() {
      state.checks += 1;
      if (state.checks >= n && !abortedGetter.call(controller.signal)) controller.abort();
      return abortedGetter.call(controller.signal) as boolean;
    },
  });
  return {
    signal: controller.signal,
    get checks() {
      return state.checks;
    },
  };
}
