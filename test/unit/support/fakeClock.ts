// A clock and timers the test moves by hand, for code that takes a clock or timer seam
// (JobServer, WorkerClient): time passes only when the test says so, so nothing depends on how
// fast or loaded the machine is.
import type { ClientTimer, ClientTimers } from '../../../src/jobs/clientTimers';

export interface FakeClock extends ClientTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Moves time on by `ms`, firing the timers that fall due on the way, in order (an idle loop). */
  advance(ms: number): void;
  /** Moves time on by `ms` without firing anything (a loop kept busy by synchronous work). */
  skip(ms: number): void;
  /** Timers set and not yet fired or cleared (intervals count until cancelled). */
  readonly pending: number;
}

interface Timer {
  at: number;
  ms: number;
  repeat: boolean;
  callback: () => void;
}

/** Starts at `start` ms (not 0: code may treat 0 as "never"). */
export function fakeClock(start = 1_000_000): FakeClock {
  let time = start;
  let nextId = 1;
  const timers = new Map<number, Timer>();
  const add = (callback: () => void, ms: number, repeat: boolean) => {
    const id = nextId++;
    timers.set(id, { at: time + Math.max(0, ms), ms: Math.max(repeat ? 1 : 0, ms), repeat, callback });
    return id;
  };
  const handle = (id: number): ClientTimer => ({
    refresh() {
      const timer = timers.get(id);
      if (timer) timer.at = time + timer.ms;
    },
    cancel: () => void timers.delete(id),
  });
  const nextDue = (until: number) =>
    [...timers].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
  return {
    now: () => time,
    setTimeout: (callback, ms) => add(callback, ms, false),
    clearTimeout: (id) => void timers.delete(id as number),
    timeout: (callback, ms) => handle(add(callback, ms, false)),
    interval: (callback, ms) => handle(add(callback, ms, true)),
    advance(ms) {
      const end = time + ms;
      for (let due = nextDue(end); due; due = nextDue(end)) {
        const [id, timer] = due;
        time = Math.max(time, timer.at);
        if (timer.repeat) timer.at += timer.ms;
        else timers.delete(id);
        timer.callback();
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
