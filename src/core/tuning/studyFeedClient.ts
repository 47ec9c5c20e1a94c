// The study view's feed, run in a worker thread (studyFeedThread.ts) when its bundle is there
// (dist/studyFeedThread.js next to the running bundle), else in this thread (tests from the
// TypeScript sources). The thread sends the whole report once and then updates; this side keeps
// the merged report (every row) that a reloaded page or an export needs, without asking again.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ProjectSummary, StudyReport, StudyUpdate } from '../../protocol/webview';
import { StudyFeed, type FeedCost } from './studyFeed';
import type { TrialRow } from './studyRows';
import type { FeedThreadData, FromFeedThread, ToFeedThread } from './studyFeedThread';

/** What the study panel reads a study through. */
export interface StudySource {
  readonly studyId: string;
  readonly lastCost: FeedCost;
  full(): Promise<StudyReport>;
  next(): Promise<StudyUpdate | undefined>;
  report(): StudyReport;
  dispose(): void;
}

/** The feed in this thread; overlapping calls run one after the other, as in the thread. */
export class InProcessStudySource implements StudySource {
  private readonly feed: StudyFeed;
  private queue: Promise<unknown> = Promise.resolve();
  constructor(
    root: string,
    readonly studyId: string,
    project: ProjectSummary,
  ) {
    this.feed = new StudyFeed(root, studyId, project);
  }
  get lastCost(): FeedCost {
    return this.feed.lastCost;
  }
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
  full = () => this.serial(() => this.feed.full());
  next = () => this.serial(() => this.feed.next());
  report = () => this.feed.report();
  dispose(): void {}
}

export class ThreadStudySource implements StudySource {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  /** Set once the thread ended: every later request fails at once instead of waiting. */
  private stopped: Error | undefined;
  private current: StudyReport | undefined;
  private readonly rows = new Map<number, TrialRow>();
  lastCost: FeedCost = { summaryMs: 0, rows: 0 };

  constructor(
    entry: string,
    root: string,
    readonly studyId: string,
    project: ProjectSummary,
  ) {
    this.worker = new Worker(entry, { workerData: { root, studyId, project } satisfies FeedThreadData });
    this.worker.on('message', (reply: FromFeedThread) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (reply.ok) {
        this.lastCost = { summaryMs: reply.summaryMs, rows: this.rows.size };
        waiting.resolve(reply.value);
      } else waiting.reject(new Error(reply.message));
    });
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', (code) => {
      this.stopped = new Error(`the study view's thread stopped (exit code ${code}); open the study again`);
      this.failAll(this.stopped);
    });
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }

  private ask<T>(op: ToFeedThread['op']): Promise<T> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, op } satisfies ToFeedThread);
    });
  }

  async full(): Promise<StudyReport> {
    if (this.current) return this.report();
    const report = await this.ask<StudyReport>('full');
    this.current = report;
    this.rows.clear();
    for (const row of report.rows) this.rows.set(row.number, row);
    return report;
  }

  async next(): Promise<StudyUpdate | undefined> {
    if (!this.current) await this.full();
    const update = await this.ask<StudyUpdate | undefined>('next');
    if (!update) return undefined;
    for (const row of update.rows) this.rows.set(row.number, row);
    this.current = {
      ...this.current!,
      generatedAt: update.generatedAt,
      summary: update.summary,
      status: update.status,
    };
    return update;
  }

  report(): StudyReport {
    if (!this.current) throw new Error('ThreadStudySource.full() has not read the study yet.');
    return { ...this.current, rows: [...this.rows.values()].sort((a, b) => a.number - b.number) };
  }

  dispose(): void {
    this.failAll(new Error('the study view was closed'));
    void this.worker.terminate();
  }
}

/** A thread when dist/studyFeedThread.js is next to the running bundle, else this thread. */
export function openStudySource(root: string, studyId: string, project: ProjectSummary): StudySource {
  const entry = join(__dirname, 'studyFeedThread.js');
  if (!__filename.endsWith('.ts') && existsSync(entry)) return new ThreadStudySource(entry, root, studyId, project);
  return new InProcessStudySource(root, studyId, project);
}
