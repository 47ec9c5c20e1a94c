// Charts drawn only when their place scrolls into view: a profile of a hundred columns has a
// hundred histograms, and drawing them all up front would keep the page busy for seconds. The
// page's own layout is built at once (so search, sort and jumps work), charts follow the reader.

export type DrawChart = (container: HTMLElement) => Promise<void>;

/** Draw a screen ahead of the reader, so a chart is there when it scrolls into view. */
const MARGIN = '100% 0px';

export class LazyCharts {
  private readonly observer: IntersectionObserver;
  private readonly waiting = new Map<Element, DrawChart>();
  private readonly drawing = new Set<Promise<void>>();
  private firstRoundDone = false;
  private firstRound: () => void = () => undefined;
  private readonly firstRoundSeen = new Promise<void>((resolve) => (this.firstRound = resolve));

  constructor(private readonly report: (problem: string) => void) {
    // The document as the root: with the implicit root (the top-level viewport), a page in an
    // iframe (a VS Code webview) has its rootMargin ignored and draws nothing ahead.
    this.observer = new IntersectionObserver((entries) => this.intersected(entries), {
      root: document,
      rootMargin: MARGIN,
    });
  }

  /** Draws `draw` into `container` once the container comes near the viewport. */
  add(container: HTMLElement, draw: DrawChart): void {
    container.classList.add('chart-pending');
    container.textContent = 'Chart appears when scrolled into view';
    // Markers for tests and tools: waiting, drawing, drawn or failed.
    container.dataset.lazy = 'waiting';
    this.waiting.set(container, draw);
    this.observer.observe(container);
  }

  /**
   * Resolves once the charts visible at first paint are drawn (or after `timeoutMs`, for a page
   * that is not being painted, as in a hidden webview).
   */
  async visibleDrawn(timeoutMs = 2000): Promise<void> {
    await Promise.race([this.firstRoundSeen, new Promise((r) => setTimeout(r, timeoutMs))]);
    await Promise.all([...this.drawing]);
  }

  /** Draws a chart again now (its data changed), or leaves it to its turn if it is not drawn yet. */
  redraw(container: HTMLElement, draw: DrawChart): void {
    if (this.waiting.has(container)) {
      this.waiting.set(container, draw);
      return;
    }
    window.Plotly?.purge(container);
    const run = this.run(container, draw);
    this.drawing.add(run);
    void run.finally(() => this.drawing.delete(run));
  }

  /** Stops watching; charts already drawn are left to the page's purge. */
  dispose(): void {
    this.observer.disconnect();
    this.waiting.clear();
  }

  private intersected(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      const container = entry.target as HTMLElement;
      const draw = this.waiting.get(container);
      if (!draw) continue;
      this.waiting.delete(container);
      this.observer.unobserve(container);
      const run = this.run(container, draw);
      this.drawing.add(run);
      void run.finally(() => this.drawing.delete(run));
    }
    if (!this.firstRoundDone) {
      this.firstRoundDone = true;
      this.firstRound();
    }
  }

  private async run(container: HTMLElement, draw: DrawChart): Promise<void> {
    container.classList.remove('chart-pending');
    container.textContent = '';
    container.dataset.lazy = 'drawing';
    try {
      await draw(container);
      container.dataset.lazy = 'drawn';
      const drawn = Number(document.body.dataset.chartsDrawn ?? '0') + 1;
      // A marker for tests: how many lazy charts this page has drawn so far.
      document.body.dataset.chartsDrawn = String(drawn);
    } catch (error) {
      window.Plotly?.purge(container);
      container.classList.add('chart-failed');
      container.dataset.lazy = 'failed';
      const message = error instanceof Error ? error.message : String(error);
      container.textContent = `The chart could not be drawn: ${message}`;
      this.report(`A chart could not be drawn: ${message}`);
    }
  }
}
