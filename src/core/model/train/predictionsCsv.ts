// predictions.csv, as an external trainer writes it for the holdout and an external predictor for
// its input rows: one row per input row, in order, with a `prediction` column (a class label or a
// number) and, for classifiers, optionally `proba_<class>` for every class.
import { tokenizeCsv } from '../../data/csvTokenizer';
import type { Prediction } from '../metrics/prediction';
import { oneHotProba } from '../metrics/prediction';
import type { TrainingData } from './trainingData';

/** predictions.csv → Prediction over the rows it answers (the holdout's, a predict batch's), or a clear error. */
export function parsePredictionsCsv(
  text: string,
  rows: number,
  data: Pick<TrainingData, 'task' | 'classes'>,
  source = 'holdout',
): Prediction {
  const table = tokenizeCsv(text).filter((r) => r.fields.length > 0);
  if (table.length === 0) throw new Error('predictions.csv is empty: it needs a header with a "prediction" column.');
  const header = table[0].fields.map((f) => f.trim());
  const at = header.indexOf('prediction');
  if (at < 0) throw new Error(`predictions.csv has no "prediction" column (columns: ${header.join(', ')}).`);
  const body = table.slice(1);
  if (body.length !== rows)
    throw new Error(
      `predictions.csv has ${body.length} rows; the ${source} has ${rows}: write one prediction per ${source} row, in order.`,
    );
  if (data.task === 'regression') {
    const values = new Float64Array(rows);
    body.forEach((r, i) => {
      const v = Number(r.fields[at]);
      if (r.fields[at] === undefined || r.fields[at].trim() === '' || !Number.isFinite(v))
        throw new Error(`predictions.csv line ${r.line}: prediction "${r.fields[at] ?? ''}" is not a number.`);
      values[i] = v;
    });
    return { task: 'regression', values };
  }
  const classes = data.classes ?? [];
  const k = classes.length;
  const labels = new Int32Array(rows);
  body.forEach((r, i) => {
    const raw = (r.fields[at] ?? '').trim();
    let c = classes.indexOf(raw);
    if (c < 0 && raw !== '' && Number.isFinite(Number(raw)))
      c = classes.findIndex((name) => name.trim() !== '' && Number(name) === Number(raw));
    if (c < 0)
      throw new Error(
        `predictions.csv line ${r.line}: prediction "${raw}" is not one of the classes (${classes.join(', ')}).`,
      );
    labels[i] = c;
  });
  const probaColumns = classes.map((c) => header.indexOf(`proba_${c}`));
  const given = probaColumns.filter((j) => j >= 0).length;
  if (given === 0) return { task: 'classification', proba: oneHotProba(labels, k), labels, probabilistic: false };
  if (given < k)
    throw new Error(
      `predictions.csv has probabilities for ${given} of ${k} classes: give proba_<class> for every class (${classes.map((c) => `proba_${c}`).join(', ')}) or none.`,
    );
  const proba = new Float64Array(rows * k);
  body.forEach((r, i) => {
    for (let c = 0; c < k; c++) {
      const v = Number(r.fields[probaColumns[c]]);
      if (!(v >= 0 && v <= 1))
        throw new Error(
          `predictions.csv line ${r.line}: proba_${classes[c]} "${r.fields[probaColumns[c]] ?? ''}" is not a probability in [0, 1].`,
        );
      proba[i * k + c] = v;
    }
  });
  return { task: 'classification', proba, labels };
}
