// Follows a study on disk while it runs, reading only what was appended: study.json again when
// it changed (stat), the new complete lines of trials.jsonl from where the last read stopped (a
// line still being written waits for the next poll), and who holds the study's lock. A log
// that shrank (a torn line cut off by the next writer) is read again from the start. Pure
// Node: the study panel and its tests use it the same way.
import { open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { JobError } from '../../protocol/jobError';
import { fsErrorCode } from '../fsErrors';
import { processAlive } from '../model/train/runFiles';
import type { TrialRecord } from './study';
import { migrateStudyFile, studyDir, type StudyFile } from './studyStore';

export interface FollowChange {
  /** study.json was (re)read: stages or space may differ. */
  study: boolean;
  /** Trial numbers with a new snapshot since the last poll. */
  trials: number[];
  /** The log was read again from its start (every trial may differ). */
  restarted: boolean;
  /** The lock's holder changed (a run started or ended). */
  running: boolean;
}

interface FileStamp {
  size: number;
  mtimeMs: number;
}

async function stamp(file: string): Promise<FileStamp | undefined> {
  try {
    const s = await stat(file);
    return { size: s.size, mtimeMs: s.mtimeMs };
  } catch (error) {
    if (fsErrorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

const same = (a: FileStamp | undefined, b: FileStamp | undefined) => a?.size === b?.size && a?.mtimeMs === b?.mtimeMs;

export class StudyFollower {
  readonly dir: string;
  private studyFile: StudyFile | undefined;
  private studyStamp: FileStamp | undefined;
  private readonly byNumber = new Map<number, TrialRecord>();
  /** Bytes of trials.jsonl read so far (always at a line end), and the lines in them. */
  private offset = 0;
  private lines = 0;
  private isRunning = false;
  readonly notices: string[] = [];

  constructor(
    root: string,
    readonly studyId: string,
  ) {
    this.dir = studyDir(root, studyId);
  }

  get study(): StudyFile {
    if (!this.studyFile) throw new Error('StudyFollower.poll() has not read the study yet.');
    return this.studyFile;
  }

  /** Every trial's latest snapshot, by number. */
  get trials(): TrialRecord[] {
    return [...this.byNumber.values()].sort((a, b) => a.number - b.number);
  }

  trial(number: number): TrialRecord | undefined {
    return this.byNumber.get(number);
  }

  get running(): boolean {
    return this.isRunning;
  }

  /** Reads what changed since the last poll; the first poll reads everything. */
  async poll(): Promise<FollowChange> {
    const change: FollowChange = { study: false, trials: [], restarted: false, running: false };
    await this.pollStudyFile(change);
    await this.pollLog(change);
    const running = await this.lockHeld();
    change.running = running !== this.isRunning;
    this.isRunning = running;
    return change;
  }

  private async pollStudyFile(change: FollowChange): Promise<void> {
    const file = join(this.dir, 'study.json');
    const now = await stamp(file);
    if (!now) throw new JobError('bad-input', `There is no study "${this.studyId}" (${file}).`, { file });
    if (this.studyFile && same(now, this.studyStamp)) return;
    const text = await readFile(file, 'utf8');
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      // Written atomically (rename), so a parse error is damage, not a write in progress.
      throw new JobError('bad-input', `${file} is not valid JSON (the study file is damaged).`, { file });
    }
    this.studyFile = migrateStudyFile(raw, file, this.notices);
    this.studyStamp = now;
    change.study = true;
  }

  private async pollLog(change: FollowChange): Promise<void> {
    const file = join(this.dir, 'trials.jsonl');
    const now = await stamp(file);
    const size = now?.size ?? 0;
    if (size < this.offset) {
      this.offset = 0;
      this.lines = 0;
      this.byNumber.clear();
      change.restarted = true;
    }
    if (size === this.offset) return;
    const handle = await open(file, 'r');
    let chunk: Buffer;
    try {
      chunk = Buffer.alloc(size - this.offset);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, this.offset);
      chunk = chunk.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
    const end = chunk.lastIndexOf(0x0a);
    if (end < 0) return; // only a line still being written
    const text = chunk.subarray(0, end).toString('utf8');
    const changed = new Set<number>();
    for (const line of text.split('\n')) {
      this.lines += 1;
      if (line === '') continue;
      let trial: TrialRecord | undefined;
      try {
        trial = JSON.parse(line) as TrialRecord;
      } catch {
        trial = undefined;
      }
      if (!trial || typeof trial.number !== 'number' || typeof trial.state !== 'string')
        throw new JobError('bad-input', `${file}, line ${this.lines}: not a trial record (the study log is damaged).`, {
          file,
          line: this.lines,
        });
      this.byNumber.set(trial.number, trial);
      changed.add(trial.number);
    }
    this.offset += end + 1;
    change.trials = [...changed].sort((a, b) => a - b);
  }

  private async lockHeld(): Promise<boolean> {
    try {
      const owner = JSON.parse(await readFile(join(this.dir, 'owner.json'), 'utf8')) as { pid?: unknown };
      return typeof owner.pid === 'number' && processAlive(owner.pid);
    } catch {
      return false; // no lock, or one being written: not running as far as the view can tell
    }
  }
}
