// What the study view is sent, built from a followed study (studyFollow.ts): the whole report
// once (summary, every row, status), then on each poll that found something new an update with
// the new summary and only the rows that changed. Polls that find nothing cost a few stats and
// send nothing. No vscode import: the panel, the export and the tests build the same payloads.
import { readFile, stat } from 'node:fs/promises';
import type { ProjectSummary, StudyReport, StudyStatus, StudyUpdate } from '../../protocol/webview';
import { recordPath } from '../records';
import { StudyFollower } from './studyFollow';
import { RowTracker, type TrialRow } from './studyRows';
import { summarizeStudy, type StudySummary } from './studySummary';

/** How long the last summary took, for the panel to space its refreshes. */
export interface FeedCost {
  summaryMs: number;
  rows: number;
}

export class StudyFeed {
  private readonly follower: StudyFollower;
  private readonly tracker = new RowTracker();
  private readonly rows = new Map<number, TrialRow>();
  private axesKey = '';
  private summary: StudySummary | undefined;
  private promoted: StudyStatus['promoted'];
  private recordStamp = '';
  lastCost: FeedCost = { summaryMs: 0, rows: 0 };

  constructor(
    private readonly root: string,
    readonly studyId: string,
    private readonly project: ProjectSummary,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.follower = new StudyFollower(root, studyId);
  }

  get running(): boolean {
    return this.follower.running;
  }

  /** The whole report: what a new page, a reloaded page or an export gets. */
  async full(): Promise<StudyReport> {
    if (!this.summary) await this.next();
    return this.report();
  }

  /** The report as it stands after the last poll, every row included (no file read). */
  report(): StudyReport {
    if (!this.summary) throw new Error('StudyFeed.full() has not read the study yet.');
    return {
      kind: 'study',
      generatedAt: this.now().toISOString(),
      project: this.project,
      summary: this.summary,
      rows: [...this.rows.values()].sort((a, b) => a.number - b.number),
      status: this.status(),
    };
  }

  /** Reads what changed; an update when anything did, else undefined. */
  async next(): Promise<StudyUpdate | undefined> {
    const change = await this.follower.poll();
    const promotedChanged = await this.readPromotion();
    const trialsChanged = change.trials.length > 0 || change.restarted;
    if (this.summary && !trialsChanged && !change.study && !change.running && !promotedChanged) return undefined;
    if (!this.summary || trialsChanged || change.study) {
      const started = performance.now();
      this.summary = summarizeStudy(this.follower.study, this.follower.trials);
      this.lastCost = { summaryMs: performance.now() - started, rows: this.follower.trials.length };
    }
    const axes = this.summary.params;
    const key = axes.map((a) => a.name).join('\u0000');
    const objectives = this.summary.directions.length;
    let rows: TrialRow[];
    if (key !== this.axesKey || change.restarted) {
      // Columns moved (a stage added a parameter) or the log was reread: every row again.
      this.axesKey = key;
      this.tracker.reset();
      this.rows.clear();
      rows = this.tracker.changed(this.follower.trials, axes, objectives);
    } else {
      const touched = change.trials.map((n) => this.follower.trial(n)!).filter(Boolean);
      rows = this.tracker.changed(touched, axes, objectives);
    }
    for (const row of rows) this.rows.set(row.number, row);
    return {
      type: 'study-update',
      studyId: this.studyId,
      generatedAt: this.now().toISOString(),
      summary: this.summary,
      rows,
      status: this.status(),
    };
  }

  private status(): StudyStatus {
    return {
      running: this.follower.running,
      ...(this.promoted ? { promoted: this.promoted } : {}),
      notices: [...this.follower.notices],
    };
  }

  /** The study's record (.mlcycle/studies/<id>.json) names the promoted trial; reread when it changes. */
  private async readPromotion(): Promise<boolean> {
    const file = recordPath(this.root, 'study', this.studyId);
    let stamp = '';
    try {
      const s = await stat(file);
      stamp = `${s.size}:${s.mtimeMs}`;
    } catch {
      stamp = '';
    }
    if (stamp === this.recordStamp) return false;
    this.recordStamp = stamp;
    const before = JSON.stringify(this.promoted);
    this.promoted = undefined;
    if (stamp) {
      try {
        const record = JSON.parse(await readFile(file, 'utf8')) as {
          data?: { promoted?: { trial?: unknown; runId?: unknown; at?: unknown } };
        };
        const p = record.data?.promoted;
        if (p && typeof p.trial === 'number' && typeof p.runId === 'string')
          this.promoted = { trial: p.trial, runId: p.runId, at: typeof p.at === 'string' ? p.at : '' };
      } catch {
        // A record being rewritten is read on the next change.
        this.recordStamp = '';
      }
    }
    return JSON.stringify(this.promoted) !== before;
  }
}
