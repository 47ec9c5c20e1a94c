// Scatter charts of many points drawn on a canvas: the explanation plots show up to 10,000 rows
// per column (a beeswarm of 20 columns is 200,000 points), more than SVG charts draw smoothly,
// and Plotly's WebGL traces need `eval`, which the panel's policy forbids. Points are batched
// into one path per colour; hovering finds the nearest point through a grid of buckets.
import { h } from '../shared/dom';
import { chartTheme } from './chartKit';

export interface Tick {
  value: number;
  label: string;
}

export interface CanvasAxis {
  min: number;
  max: number;
  title?: string;
  ticks: Tick[];
}

export interface PointChart {
  height: number;
  /** Room on the left for the y labels, in CSS pixels. */
  left: number;
  x: CanvasAxis;
  y: CanvasAxis;
  /** Points in data coordinates. */
  px: Float64Array;
  py: Float64Array;
  /** Index into `colours` per point. */
  colour: Uint8Array;
  colours: string[];
  /** A vertical line at x = 0 (contributions) or none. */
  zeroLine?: boolean;
  /** Horizontal separators at these y values (beeswarm rows). */
  bands?: number[];
  hover(i: number): string;
  /** Drawn under the chart: the colour scale's meaning. */
  legend?: HTMLElement;
}

/** Rounded steps (1, 2, 5 × 10^k) covering [min, max] with about `count` ticks. */
export function niceTicks(min: number, max: number, count: number, format: (v: number) => string): Tick[] {
  if (!(max > min)) return [{ value: min, label: format(min) }];
  const raw = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const ticks: Tick[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) {
    const value = Math.abs(v) < step * 1e-9 ? 0 : v;
    ticks.push({ value, label: format(value) });
  }
  return ticks;
}

/** Blue (low) to red (high), as SHAP's plots colour a feature's value; `steps` colours. */
export function valueColours(steps: number): string[] {
  const low = [0x1e, 0x88, 0xe5];
  const high = [0xff, 0x0d, 0x57];
  return Array.from({ length: steps }, (_, i) => {
    const t = steps > 1 ? i / (steps - 1) : 0;
    const c = low.map((l, k) => Math.round(l + (high[k] - l) * t));
    return `rgb(${c[0]},${c[1]},${c[2]})`;
  });
}

/** The 5th and 95th percentiles (SHAP's colour range: a few extreme values do not wash it out). */
export function colourRange(values: ArrayLike<number | null>): [number, number] | undefined {
  const finite = Array.from(values)
    .filter((v): v is number => v !== null && Number.isFinite(v))
    .sort((a, b) => a - b);
  if (finite.length === 0) return undefined;
  const at = (q: number) => finite[Math.min(finite.length - 1, Math.max(0, Math.round(q * (finite.length - 1))))];
  let [lo, hi] = [at(0.05), at(0.95)];
  if (!(hi > lo)) [lo, hi] = [finite[0], finite[finite.length - 1]];
  return [lo, hi];
}

/** Colour bin of a value: 0 … steps−1, or `steps` (the missing colour) for null. */
export function colourBin(value: number | null, range: [number, number] | undefined, steps: number): number {
  if (value === null || !Number.isFinite(value) || !range) return steps;
  const [lo, hi] = range;
  const t = hi > lo ? (value - lo) / (hi - lo) : 0.5;
  return Math.max(0, Math.min(steps - 1, Math.round(t * (steps - 1))));
}

const CELL = 6;

/** CSS colours as the 32-bit pixels of an ImageData (RGBA bytes, little-endian), slightly translucent. */
function packedColours(colours: string[]): Uint32Array {
  const probe = document.createElement('canvas');
  probe.width = 1;
  probe.height = 1;
  const c = probe.getContext('2d', { willReadFrequently: true })!;
  return Uint32Array.from(colours, (colour) => {
    c.clearRect(0, 0, 1, 1);
    c.fillStyle = colour;
    c.fillRect(0, 0, 1, 1);
    const [r, g, b] = c.getImageData(0, 0, 1, 1).data;
    return ((0xe0 << 24) | (b << 16) | (g << 8) | r) >>> 0;
  });
}

/** The pixel offsets (dx, dy pairs) of a disc of `radius` device pixels. */
function discOffsets(radius: number): Int32Array {
  const r = Math.max(1, radius);
  const out: number[] = [];
  const reach = Math.ceil(r);
  for (let dy = -reach; dy <= reach; dy++)
    for (let dx = -reach; dx <= reach; dx++) if (dx * dx + dy * dy <= r * r + 0.25) out.push(dx, dy);
  return Int32Array.from(out);
}

/** Points bucketed by CELL-sized cells (a counting sort): cell c holds items[start[c] … start[c+1]). */
function cellGrid(cx: Float32Array, cy: Float32Array, width: number, height: number) {
  const columns = Math.ceil(width / CELL) + 1;
  const rows = Math.ceil(height / CELL) + 1;
  const cellOf = (gx: number, gy: number) => (gx < 0 || gy < 0 || gx >= columns || gy >= rows ? -1 : gy * columns + gx);
  const cells = new Int32Array(cx.length);
  const start = new Int32Array(columns * rows + 1);
  for (let i = 0; i < cx.length; i++) {
    const c =
      Number.isFinite(cx[i]) && Number.isFinite(cy[i])
        ? cellOf(Math.floor(cx[i] / CELL), Math.floor(cy[i] / CELL))
        : -1;
    cells[i] = c;
    if (c >= 0) start[c + 1]++;
  }
  for (let c = 0; c < columns * rows; c++) start[c + 1] += start[c];
  const fill = start.slice(0, -1);
  const items = new Int32Array(start[columns * rows]);
  for (let i = 0; i < cx.length; i++) if (cells[i] >= 0) items[fill[cells[i]]++] = i;
  return { start, items, cellOf };
}

export function drawPointChart(container: HTMLElement, chart: PointChart): void {
  const theme = chartTheme();
  const width = Math.max(240, container.clientWidth || 600);
  const { height, left } = chart;
  const margin = { l: left, r: 12, t: 8, b: chart.x.title ? 42 : 26 };
  const plotW = width - margin.l - margin.r;
  const plotH = height - margin.t - margin.b;
  const sx = (v: number) => margin.l + ((v - chart.x.min) / (chart.x.max - chart.x.min || 1)) * plotW;
  const sy = (v: number) => margin.t + (1 - (v - chart.y.min) / (chart.y.max - chart.y.min || 1)) * plotH;

  const canvas = h('canvas', { class: 'point-canvas' }) as HTMLCanvasElement;
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this page cannot draw on a canvas');
  ctx.scale(ratio, ratio);
  ctx.font = `${theme.fontSize}px ${theme.fontFamily}`;
  ctx.strokeStyle = theme.grid;
  ctx.fillStyle = theme.foreground;
  ctx.lineWidth = 1;

  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of chart.x.ticks) {
    const x = Math.round(sx(t.value)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(x, margin.t);
    ctx.lineTo(x, margin.t + plotH);
    ctx.stroke();
    ctx.fillText(t.label, x, margin.t + plotH + 4);
  }
  if (chart.x.title) {
    ctx.fillStyle = theme.muted;
    ctx.fillText(chart.x.title, margin.l + plotW / 2, margin.t + plotH + 22);
    ctx.fillStyle = theme.foreground;
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of chart.y.ticks) ctx.fillText(t.label, margin.l - 8, sy(t.value));
  for (const b of chart.bands ?? []) {
    const y = Math.round(sy(b)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(margin.l, y);
    ctx.lineTo(margin.l + plotW, y);
    ctx.stroke();
  }
  if (chart.zeroLine && chart.x.min < 0 && chart.x.max > 0) {
    ctx.strokeStyle = theme.muted;
    const x = Math.round(sx(0)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(x, margin.t);
    ctx.lineTo(x, margin.t + plotH);
    ctx.stroke();
  }

  // The points are written straight into a pixel buffer (a disc of pixels each), which is put
  // on the canvas in one drawImage: 200,000 canvas calls take a software rasteriser about a
  // second, the buffer a few milliseconds. Hovering finds the nearest point through a grid of
  // cells, built on the first hover.
  const n = chart.px.length;
  const radius = n > 20_000 ? 1.4 : n > 2_000 ? 1.8 : 2.6;
  const cx = new Float32Array(n);
  const cy = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    cx[i] = sx(chart.px[i]);
    cy[i] = sy(chart.py[i]);
  }
  const pixelsWide = canvas.width;
  const pixelsHigh = canvas.height;
  const layer = document.createElement('canvas');
  layer.width = pixelsWide;
  layer.height = pixelsHigh;
  const layerContext = layer.getContext('2d')!;
  const image = layerContext.createImageData(pixelsWide, pixelsHigh);
  const pixels = new Uint32Array(image.data.buffer);
  const colours = packedColours([...chart.colours, theme.muted]);
  const disc = discOffsets(radius * ratio);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(cx[i]) || !Number.isFinite(cy[i])) continue;
    const px = Math.round(cx[i] * ratio);
    const py = Math.round(cy[i] * ratio);
    const colour = colours[Math.min(chart.colour[i], colours.length - 1)];
    for (let k = 0; k < disc.length; k += 2) {
      const x = px + disc[k];
      const y = py + disc[k + 1];
      if (x >= 0 && y >= 0 && x < pixelsWide && y < pixelsHigh) pixels[y * pixelsWide + x] = colour;
    }
  }
  layerContext.putImageData(image, 0, 0);
  ctx.drawImage(layer, 0, 0, width, height);

  const tip = h('div', { class: 'point-tip', role: 'tooltip', hidden: true });
  let grid: ReturnType<typeof cellGrid> | undefined;
  const nearest = (x: number, y: number): number => {
    grid ??= cellGrid(cx, cy, width, height);
    let best = -1;
    let bestD = (CELL * 1.5) ** 2;
    const gx = Math.floor(x / CELL);
    const gy = Math.floor(y / CELL);
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++) {
        const cell = grid.cellOf(gx + dx, gy + dy);
        if (cell < 0) continue;
        for (let at = grid.start[cell]; at < grid.start[cell + 1]; at++) {
          const i = grid.items[at];
          const d = (cx[i] - x) ** 2 + (cy[i] - y) ** 2;
          if (d < bestD) [best, bestD] = [i, d];
        }
      }
    return best;
  };
  canvas.addEventListener('mousemove', (event) => {
    const box = canvas.getBoundingClientRect();
    const i = nearest(event.clientX - box.left, event.clientY - box.top);
    if (i < 0) {
      tip.hidden = true;
      return;
    }
    tip.textContent = chart.hover(i);
    tip.hidden = false;
    tip.style.left = `${Math.min(cx[i] + 10, width - 220)}px`;
    tip.style.top = `${cy[i] + 10}px`;
  });
  canvas.addEventListener('mouseleave', () => (tip.hidden = true));
  container.replaceChildren(h('div', { class: 'point-chart' }, canvas, tip), ...(chart.legend ? [chart.legend] : []));
}
