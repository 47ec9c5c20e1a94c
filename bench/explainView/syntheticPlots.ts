// The benchmark's payloads: a synthetic explanation of `rows` rows × `columns` columns as the
// browser test makes its 10,000 × 20 (test/unit/explain/explainFixtures.ts syntheticPlots), and the beeswarm's points computed from it with
// the chart's own functions, so the Plotly references draw exactly the points our canvas draws.
import type { ExplanationPlots } from '../../src/core/explain/plotTypes';
import { syntheticPlots } from '../../test/unit/explain/explainFixtures';
import { swarmOffsets } from '../../webview/evaluation/explanationCharts';
import { colourBin, colourRange } from '../../webview/evaluation/pointCanvas';

/** As explanationCharts.ts colours the beeswarm: this many steps from blue to red. */
export const COLOUR_STEPS = 24;

export { syntheticPlots };

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
