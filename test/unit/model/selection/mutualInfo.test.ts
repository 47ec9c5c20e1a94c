// Mutual information against scikit-learn 1.2.1's mutual_info_classif / mutual_info_regression.
// On tie-free continuous data the k-NN estimate does not depend on the 1e-10 jitter, so ours must
// equal scikit-learn's to rounding. On real data (measurements with ties, broken by the random
// jitter) each value moves with the seed (scikit-learn's own sd over random_state is up to 0.012
// nats on seattle-weather), so the mean over 8 seeds of ours must equal the mean over 8
// random_states of scikit-learn's within 0.025 nats (about 4 standard errors of the difference).
// One Python run computes every reference.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { discreteColumns, mutualInfo } from '../../../../src/core/model/selection/mutualInfo';
import { sklearn } from '../sklearnReference';
import { classTarget, matrixToRows, numericTable, plantedData, regressionTarget } from './selectionData';

const penguins = numericTable(
  'examples/penguins/data/train.csv',
  ['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)'],
  'Species',
);
const weather = numericTable(
  'node_modules/vega-datasets/data/seattle-weather.csv',
  ['precipitation', 'temp_max', 'temp_min', 'wind'],
  'weather',
);
const cars = numericTable(
  'examples/cars/data/train.csv',
  ['Cylinders', 'Displacement', 'Horsepower', 'Weight_in_lbs', 'Acceleration', 'Year'],
  'Miles_per_Gallon',
);
const CARS_DISCRETE = [true, false, false, false, false, false];
const plantedClass = plantedData('classification', 600, 11);
const plantedReg = plantedData('regression', 600, 12);
const SEEDS = 8;

interface Reference {
  penguins: number[][];
  weather: number[][];
  cars: number[][];
  plantedClass: number[];
  plantedReg: number[];
}

let cached: Reference | undefined;
function reference(): Reference {
  cached ??= sklearn<Reference>(
    `from sklearn.feature_selection import mutual_info_classif as mic, mutual_info_regression as mir
A = np.array
seeds = range(${SEEDS})
result = {
  'penguins': [mic(A(data['penguins'][0]), A(data['penguins'][1]), random_state=s) for s in seeds],
  'weather': [mic(A(data['weather'][0]), A(data['weather'][1]), random_state=s) for s in seeds],
  'cars': [mir(A(data['cars'][0]), A(data['cars'][1]), discrete_features=A(data['carsDiscrete']), random_state=s) for s in seeds],
  'plantedClass': mic(A(data['pc'][0]), A(data['pc'][1]), discrete_features=A(data['pc'][2]), random_state=0),
  'plantedReg': mir(A(data['pr'][0]), A(data['pr'][1]), discrete_features=A(data['pr'][2]), random_state=0),
}`,
    {
      penguins: [penguins.rows, Array.from(classTarget(penguins.labels).y)],
      weather: [weather.rows, Array.from(classTarget(weather.labels).y)],
      cars: [cars.rows, cars.targetValues],
      carsDiscrete: CARS_DISCRETE,
      pc: [
        matrixToRows(plantedClass.X),
        Array.from(plantedClass.y.y),
        discreteColumns(plantedClass.X, plantedClass.sources),
      ],
      pr: [matrixToRows(plantedReg.X), Array.from(plantedReg.y.y), discreteColumns(plantedReg.X, plantedReg.sources)],
    },
  );
  return cached;
}

const TOLERANCE = 0.025;

function meanOver(runs: ArrayLike<number>[], j: number): number {
  return runs.reduce((a, r) => a + r[j], 0) / runs.length;
}

/** The mean over seeds of ours equals the mean over random_states of scikit-learn's. */
function sameOnAverage(estimate: (seed: number) => Float64Array, runs: number[][], what: string): void {
  const ours = Array.from({ length: SEEDS }, (_, s) => estimate(s));
  for (let j = 0; j < runs[0].length; j++) {
    const a = meanOver(ours, j);
    const b = meanOver(runs, j);
    assert.ok(Math.abs(a - b) <= TOLERANCE, `${what}[${j}]: mean ${a.toFixed(4)} vs scikit-learn's ${b.toFixed(4)}`);
  }
}

test('tie-free data: mutual_info_classif / _regression equal scikit-learn (continuous, one-hot discrete, both targets)', () => {
  for (const [data, expected] of [
    [plantedClass, reference().plantedClass],
    [plantedReg, reference().plantedReg],
  ] as const) {
    const discrete = discreteColumns(data.X, data.sources);
    assert.deepEqual(discrete, [false, false, true, true, true, false, false, false, false]);
    const ours = mutualInfo(data.X, data.y, { discrete, seed: 3 });
    for (let j = 0; j < expected.length; j++)
      assert.ok(Math.abs(ours[j] - expected[j]) < 1e-9, `${data.y.task}[${j}]: ${ours[j]} vs ${expected[j]}`);
  }
});

test('penguins and seattle-weather (ties in the measurements): same as scikit-learn on average over seeds', () => {
  const discrete = [false, false, false, false];
  sameOnAverage(
    (seed) => mutualInfo(penguins.X, classTarget(penguins.labels), { discrete, seed }),
    reference().penguins,
    'penguins',
  );
  sameOnAverage(
    (seed) => mutualInfo(weather.X, classTarget(weather.labels), { discrete, seed }),
    reference().weather,
    'weather',
  );
});

test('cars mutual_info_regression with Cylinders discrete: same as scikit-learn on average over seeds', () => {
  sameOnAverage(
    (seed) => mutualInfo(cars.X, regressionTarget(cars.targetValues), { discrete: CARS_DISCRETE, seed }),
    reference().cars,
    'cars',
  );
});

test('the estimate is deterministic under the seed and stops when aborted', () => {
  const y = classTarget(penguins.labels);
  const discrete = [false, false, false, false];
  assert.deepEqual(mutualInfo(penguins.X, y, { discrete, seed: 5 }), mutualInfo(penguins.X, y, { discrete, seed: 5 }));
  const controller = new AbortController();
  controller.abort();
  assert.throws(() => mutualInfo(penguins.X, y, { discrete, seed: 5, signal: controller.signal }), {
    name: 'AbortError',
  });
});
