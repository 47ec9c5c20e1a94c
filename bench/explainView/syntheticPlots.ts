// The benchmark's payloads: a synthetic explanation of `rows` rows × `columns` columns made the
// way the browser test's `largePlots()` makes its 10,000 × 20 (seed 3, values uniform in [0, 10),
// contributions linear in the value plus noise), and the beeswarm's points computed from it with
// the chart's own functions, so the Plotly references draw exactly the points our canvas draws.
import type { ExplanationPlots } from '../../src/core/explain/plotTypes';
import { seededRandom } from '../../src/core/seededRandom';
import { swarmOffsets } from '../../webview/evaluation/explanationCharts';
import { colourBin, colourRange } from '../../webview/evaluation/pointCanvas';

/** As explanationCharts.ts colours the beeswarm: this many steps from blue to red. */
export const COLOUR_STEPS = 24;

export function syntheticPlots(rows: number, columns: number): ExplanationPlots {
  const random = seededRandom(3);
  return {
    schemaVersion: 1,
    explainedRows: rows,
    sampledRows: rows,
    sample: Array.from({ length: rows }, (_, i) => i),
    outputNames: ['value'],
    outputKind: 'value',
    base: [1],
    columns: Array.from({ length: columns }, (_, c) => {
      const values = Array.from({ length: rows }, () => random() * 10);
      return {
        name: `x${c}`,
        kind: 'numeric' as const,
        values,
        contributions: [values.map((v) => (v - 5) / (c + 1) + 0.1 * random())],
        meanAbs: [2.5 / (c + 1)],
        direction: 'higher raises' as const,
      };
    }),
    otherColumns: 0,
    waterfalls: [],
    waterfallsAre: 'rows',
  };
}

/** The beeswarm's points: x the contribution, y the column's row plus its swarm offset, a colour bin. */
export interface SwarmPoints {
  x: number[];
  y: number[];
  colour: number[];
  columns: string[];
}

export function beeswarmPoints(plots: ExplanationPlots, output = 0): SwarmPoints {
  const points: SwarmPoints = { x: [], y: [], colour: [], columns: plots.columns.map((c) => c.name) };
  const last = plots.columns.length - 1;
  plots.columns.forEach((column, r) => {
    const contributions = column.contributions[output];
    const offsets = swarmOffsets(contributions);
    const range = colourRange(column.values);
    contributions.forEach((v, i) => {
      points.x.push(v);
      points.y.push(last - r + offsets[i]);
      points.colour.push(colourBin(column.values[i], range, COLOUR_STEPS));
    });
  });
  return points;
}
