// Entry of dist/studyFeedThread.js: a study view's feed (studyFeed.ts) in a worker thread, so
// reading a growing trials.jsonl and summarising 10,000 trials (~0.4 s) never holds the
// extension host's thread. It answers each request of studyFeedClient.ts in order.
import { parentPort, workerData } from 'node:worker_threads';
import type { ProjectSummary } from '../../protocol/webview';
import { StudyFeed } from './studyFeed';

export interface FeedThreadData {
  root: string;
  studyId: string;
  project: ProjectSummary;
}

export type ToFeedThread = { id: number; op: 'full' | 'next' };
export type FromFeedThread =
  { id: number; ok: true; value: unknown; summaryMs: number } | { id: number; ok: false; message: string };

if (parentPort) {
  const port = parentPort;
  const data = workerData as FeedThreadData;
  const feed = new StudyFeed(data.root, data.studyId, data.project);
  let queue = Promise.resolve();
  port.on('message', (request: ToFeedThread) => {
    queue = queue.then(async () => {
      try {
        const value = request.op === 'full' ? await feed.full() : await feed.next();
        port.postMessage({
          id: request.id,
          ok: true,
          value,
          summaryMs: feed.lastCost.summaryMs,
        } satisfies FromFeedThread);
      } catch (error) {
        port.postMessage({
          id: request.id,
          ok: false,
          message: error instanceof Error ? error.message : String(error),
        } satisfies FromFeedThread);
      }
    });
  });
}
