// The workspace facts of each project (src/core/language/workspaceFacts.ts), gathered once and
// kept until a file they come from changes: a data file, a run record, mlcycle.yaml or another
// lifecycle document. A stale gathering still running when the facts are invalidated is aborted.
import { gatherWorkspaceFacts } from '../core/language/workspaceFacts';
import type { WorkspaceFacts } from '../core/language/languageTypes';

interface Entry {
  facts: Promise<WorkspaceFacts>;
  abort: AbortController;
}

export class FactsCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly gather: typeof gatherWorkspaceFacts = gatherWorkspaceFacts) {}

  /** The facts of the project at `root`, gathered now if none are cached. */
  get(root: string): Promise<WorkspaceFacts> {
    let entry = this.entries.get(root);
    if (!entry) {
      const abort = new AbortController();
      const facts = this.gather(root, { signal: abort.signal }).catch((): WorkspaceFacts => ({
        root,
        datasetColumns: {},
        runs: [],
        documents: {},
      }));
      entry = { facts, abort };
      this.entries.set(root, entry);
    }
    return entry.facts;
  }

  /** Forgets the facts of `root`; the next get() gathers them again. */
  invalidate(root: string): void {
    this.entries.get(root)?.abort.abort();
    this.entries.delete(root);
  }
}
