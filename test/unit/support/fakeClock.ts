// A clock and timers the test moves by hand, for code that takes a clock seam (JobServer): time
// passes only when the test says so, so nothing depends on how fast or loaded the machine is.
export interface FakeClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Moves time on by `ms`, firing the timers that fall due on the way, in order (an idle loop). */
  advance(ms: number): void;
  /** Moves time on by `ms` without firing anything (a loop kept busy by synchronous work). */
  skip(ms: number): void;
  /** Timers set and not yet fired or cleared. */
  readonly pending: number;
}

/** Starts at `start` ms (not 0: code may treat 0 as "never"). */
export function fakeClock(start = 1_000_000): FakeClock {
  let time = start;
  let nextId = 1;
  const timers = new Map<number, { at: number; callback: () => void }>();
  const nextDue = (until: number) =>
    [...timers].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
  return {
    now: () => time,
    setTimeout(callback, ms) {
      const id = nextId++;
      timers.set(id, { at: time + Math.max(0, ms), callback });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      const end = time + ms;
      for (let due = nextDue(end); due; due = nextDue(end)) {
        timers.delete(due[0]);
        time = Math.max(time, due[1].at);
        due[1].callback();
      }
      time = end;
    },
    skip(ms) {
      time += ms;
    },
    get pending() {
      return timers.size;
    },
  };
}
