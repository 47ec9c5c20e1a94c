// The point between two model fits where a selection run lets the event loop breathe (so that a
// cancel message can reach the AbortSignal even when every fit is short) and honours cancellation.
import { throwIfAborted } from '../models/estimator';

const YIELD_EVERY_MS = 40;
let lastYield = Date.now();

export async function betweenFits(signal?: AbortSignal): Promise<void> {
  if (Date.now() - lastYield >= YIELD_EVERY_MS) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    lastYield = Date.now();
  }
  throwIfAborted(signal);
}
