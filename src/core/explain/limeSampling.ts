// LIME's neighbourhood of a row (lime's LimeTabularExplainer with its defaults: quartile
// discretisation, sampling from the training distribution). Each continuous feature is cut at
// the quartiles of the training rows (numpy's linear percentiles at 25, 50, 75, repeated edges
// merged) into bins (q_{j−1}, q_j]; a bin is drawn with its training frequency and a value in it
// from a normal with the mean and standard deviation (+1e-11) of the training values in the bin,
// truncated to the bin's [min, max] (the data's minimum and maximum close the outer bins). The
// interpretable representation is binary: 1 where a sample's bin is the explained row's. The
// first sample is the row itself (all ones). Decisions of ours, where lime has none or slips:
// - a feature whose training values are all 0 or 1 (one-hot columns, missing indicators) is
//   categorical in lime's sense: its values drawn with their training frequencies, "same value"
//   as the indicator. Quartile bins would give that same partition, with values 1e-11 off 1.
// - missing values (NaN, for the models that take them) are a bin of their own, drawn with
//   their frequency; the quartiles are those of the finite values.
// - a bin whose min equals its max gives that value (lime returns the z-score 0 there).
// Truncated normals are drawn by rejection (exact): the truncation interval holds the bin's mean
// and is at least two standard deviations wide, so more than 4 draws in 10 are kept.

/** One feature's bins as lime sees it. */
export interface LimeFeature {
  /** 'binary': the values 0/1 are the bins; 'quartiles': cut at `edges`. */
  kind: 'binary' | 'quartiles';
  /** The distinct quartiles of the finite training values (empty for binary). */
  edges: number[];
  /** Per bin (the missing bin last, when there are missing values): training frequency. */
  frequency: number[];
  mean: number[];
  std: number[];
  min: number[];
  max: number[];
  /** Index of the missing-value bin, or −1. */
  missingBin: number;
}

/** numpy.percentile(values, q) with its default linear method, on sorted finite values. */
export function percentileSorted(sorted: ArrayLike<number>, q: number): number {
  const h = (sorted.length - 1) * (q / 100);
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const t = h - lo;
  const a = sorted[lo];
  const b = sorted[hi];
  const d = b - a;
  // numpy's _lerp: from below for t < 0.5, from above for t ≥ 0.5.
  return t >= 0.5 ? b - d * (1 - t) : a + d * t;
}

/** The bin of a value: the count of edges below it (numpy.searchsorted, side left). */
export function binOf(feature: LimeFeature, x: number): number {
  if (Number.isNaN(x)) return feature.missingBin;
  if (feature.kind === 'binary') return x === 1 ? 1 : 0;
  const edges = feature.edges;
  let b = 0;
  while (b < edges.length && edges[b] < x) b++;
  return b;
}

/** The discretiser and training distribution of each feature (row-major training rows). */
export function limeFeatures(training: Float64Array, features: number): LimeFeature[] {
  const n = training.length / features;
  return Array.from({ length: features }, (_, f) => {
    const finite: number[] = [];
    for (let i = 0; i < n; i++) {
      const v = training[i * features + f];
      if (!Number.isNaN(v)) finite.push(v);
    }
    finite.sort((a, b) => a - b);
    const missing = n - finite.length;
    const binary = finite.length > 0 && finite.every((v) => v === 0 || v === 1);
    const edges =
      binary || finite.length === 0 ? [] : [...new Set([25, 50, 75].map((q) => percentileSorted(finite, q)))];
    const bins = binary ? 2 : edges.length + 1;
    const feature: LimeFeature = {
      kind: binary ? 'binary' : 'quartiles',
      edges,
      frequency: new Array<number>(bins).fill(0),
      mean: new Array<number>(bins).fill(0),
      std: new Array<number>(bins).fill(0),
      min: binary ? [0, 1] : [finite[0] ?? 0, ...edges],
      max: binary ? [0, 1] : [...edges, finite[finite.length - 1] ?? 0],
      missingBin: -1,
    };
    const sumSq = new Array<number>(bins).fill(0);
    for (const v of finite) feature.frequency[binOf(feature, v)]++;
    for (const v of finite) feature.mean[binOf(feature, v)] += v;
    for (let b = 0; b < bins; b++)
      feature.mean[b] = feature.frequency[b] > 0 ? feature.mean[b] / feature.frequency[b] : 0;
    for (const v of finite) {
      const b = binOf(feature, v);
      sumSq[b] += (v - feature.mean[b]) ** 2;
    }
    for (let b = 0; b < bins; b++)
      feature.std[b] = (feature.frequency[b] > 0 ? Math.sqrt(sumSq[b] / feature.frequency[b]) : 0) + 1e-11;
    if (missing > 0) {
      feature.missingBin = bins;
      feature.frequency.push(missing);
      feature.mean.push(NaN);
      feature.std.push(NaN);
      feature.min.push(NaN);
      feature.max.push(NaN);
    }
    feature.frequency = feature.frequency.map((c) => c / n);
    return feature;
  });
}

function gaussian(random: () => number): number {
  // Box–Muller; 1 − u keeps the logarithm finite.
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A value from bin b of a feature, as lime's undiscretize draws it. */
export function sampleInBin(feature: LimeFeature, b: number, random: () => number): number {
  if (b === feature.missingBin) return NaN;
  if (feature.kind === 'binary') return b;
  const lo = feature.min[b];
  const hi = feature.max[b];
  if (lo === hi) return lo;
  const mean = feature.mean[b];
  const std = feature.std[b];
  for (;;) {
    const x = mean + std * gaussian(random);
    if (x >= lo && x <= hi) return x;
  }
}

function drawBin(frequency: number[], random: () => number): number {
  let u = random();
  for (let b = 0; b < frequency.length; b++) if ((u -= frequency[b]) < 0 && frequency[b] > 0) return b;
  for (let b = frequency.length - 1; b >= 0; b--) if (frequency[b] > 0) return b;
  return 0;
}

export interface Neighbourhood {
  samples: number;
  /** samples × features, 1 where the sample's bin is the row's; the first sample is the row. */
  binary: Uint8Array;
  /** samples × features: the values the model sees (the first is the row itself). */
  inverse: Float64Array;
  /** Euclidean distance of each sample's binary row to the row's (all ones). */
  distances: Float64Array;
}

export function neighbourhood(
  x: ArrayLike<number>,
  features: LimeFeature[],
  samples: number,
  random: () => number,
): Neighbourhood {
  const M = features.length;
  const binary = new Uint8Array(samples * M);
  const inverse = new Float64Array(samples * M);
  const distances = new Float64Array(samples);
  const rowBins = features.map((feature, f) => binOf(feature, x[f]));
  for (let f = 0; f < M; f++) {
    binary[f] = 1;
    inverse[f] = x[f];
  }
  for (let s = 1; s < samples; s++) {
    let differ = 0;
    for (let f = 0; f < M; f++) {
      const feature = features[f];
      const b = drawBin(feature.frequency, random);
      const same = b === rowBins[f] ? 1 : 0;
      binary[s * M + f] = same;
      differ += 1 - same;
      inverse[s * M + f] = sampleInBin(feature, b, random);
    }
    distances[s] = Math.sqrt(differ);
  }
  return { samples, binary, inverse, distances };
}

/** lime's default kernel: sqrt(exp(−d²/width²)), width sqrt(features)·0.75 unless given. */
export function limeKernel(distances: Float64Array, width: number): Float64Array {
  return distances.map((d) => Math.sqrt(Math.exp(-(d * d) / (width * width))));
}

export function defaultKernelWidth(features: number): number {
  return Math.sqrt(features) * 0.75;
}
