// Long synchronous fits give the event loop a turn now and then, so that a cancel message can
// reach the AbortSignal mid-fit; then they check the signal (AbortError via throwIfAborted).
import { throwIfAborted } from '../estimator';

export class Cooperative {
  private last = Date.now();
  constructor(
    private readonly signal?: AbortSignal,
    private readonly everyMs = 40,
  ) {}

  /** Yields to the event loop when `everyMs` passed since the last yield, then checks the signal. */
  async checkpoint(): Promise<void> {
    if (Date.now() - this.last >= this.everyMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      this.last = Date.now();
    }
    throwIfAborted(this.signal);
  }
}
