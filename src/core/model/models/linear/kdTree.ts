// A k-d tree for exact k-nearest-neighbour search under the Minkowski distance with p = 1
// (Manhattan) or p = 2 (Euclidean). Points are stored row-major in tree order; each node keeps its
// bounding box, and a search skips nodes whose box is farther than the current k-th neighbour.
// Ties between equally distant points go to the lower training row index (the result is the k
// smallest (distance, index) pairs), so results do not depend on the tree's shape.

const LEAF_SIZE = 32;

export interface Neighbours {
  /** Row-major queries × k training row indices, nearest first. */
  indices: Int32Array;
  /** Row-major queries × k distances (true distances, not squared). */
  distances: Float64Array;
}

export class KdTree {
  private readonly points: Float64Array;
  private readonly order: Int32Array;
  private readonly nodeStart: number[] = [];
  private readonly nodeEnd: number[] = [];
  private readonly nodeLeft: number[] = [];
  private readonly nodeRight: number[] = [];
  private lower: Float64Array = new Float64Array(0);
  private upper: Float64Array = new Float64Array(0);

  /** data: row-major rows × dims. */
  constructor(
    data: Float64Array,
    readonly rows: number,
    readonly dims: number,
    readonly p: 1 | 2,
  ) {
    this.order = Int32Array.from({ length: rows }, (_, i) => i);
    const boxes: number[][] = [];
    this.build(data, 0, rows, boxes);
    const nodes = this.nodeStart.length;
    this.lower = new Float64Array(nodes * dims);
    this.upper = new Float64Array(nodes * dims);
    boxes.forEach((box, node) => {
      this.lower.set(box.slice(0, dims), node * dims);
      this.upper.set(box.slice(dims), node * dims);
    });
    this.points = new Float64Array(rows * dims);
    for (let r = 0; r < rows; r++)
      this.points.set(data.subarray(this.order[r] * dims, (this.order[r] + 1) * dims), r * dims);
  }

  private build(data: Float64Array, start: number, end: number, boxes: number[][]): number {
    const d = this.dims;
    const node = this.nodeStart.length;
    this.nodeStart.push(start);
    this.nodeEnd.push(end);
    this.nodeLeft.push(-1);
    this.nodeRight.push(-1);
    const box = new Array<number>(2 * d);
    for (let j = 0; j < d; j++) {
      box[j] = Infinity;
      box[d + j] = -Infinity;
    }
    for (let r = start; r < end; r++) {
      const base = this.order[r] * d;
      for (let j = 0; j < d; j++) {
        const v = data[base + j];
        if (v < box[j]) box[j] = v;
        if (v > box[d + j]) box[d + j] = v;
      }
    }
    boxes.push(box);
    if (end - start <= LEAF_SIZE) return node;
    let split = 0;
    let widest = -1;
    for (let j = 0; j < d; j++)
      if (box[d + j] - box[j] > widest) {
        widest = box[d + j] - box[j];
        split = j;
      }
    if (!(widest > 0)) return node;
    const middle = (start + end) >> 1;
    this.select(data, start, end - 1, middle, split);
    this.nodeLeft[node] = this.build(data, start, middle, boxes);
    this.nodeRight[node] = this.build(data, middle, end, boxes);
    return node;
  }

  /** Quickselect on this.order[lo..hi] so that position k holds the median along `dim`. */
  private select(data: Float64Array, lo: number, hi: number, k: number, dim: number): void {
    const order = this.order;
    const d = this.dims;
    while (hi > lo) {
      const pivot = data[order[(lo + hi) >> 1] * d + dim];
      let i = lo;
      let j = hi;
      while (i <= j) {
        while (data[order[i] * d + dim] < pivot) i++;
        while (data[order[j] * d + dim] > pivot) j--;
        if (i <= j) {
          const t = order[i];
          order[i] = order[j];
          order[j] = t;
          i++;
          j--;
        }
      }
      if (k <= j) hi = j;
      else if (k >= i) lo = i;
      else return;
    }
  }

  /** The k nearest training rows of each query (queries row-major, count × dims). */
  query(queries: Float64Array, count: number, k: number): Neighbours {
    const d = this.dims;
    const indices = new Int32Array(count * k);
    const distances = new Float64Array(count * k);
    const bestDistance = new Float64Array(k);
    const bestIndex = new Int32Array(k);
    const stack = new Int32Array(128);
    const stackDistance = new Float64Array(128);
    const q = new Float64Array(d);
    for (let t = 0; t < count; t++) {
      for (let j = 0; j < d; j++) q[j] = queries[t * d + j];
      bestDistance.fill(Infinity);
      bestIndex.fill(0x7fffffff);
      let filled = 0;
      let top = 0;
      stack[top] = 0;
      stackDistance[top++] = this.boxDistance(0, q);
      while (top > 0) {
        const node = stack[--top];
        const nodeDistance = stackDistance[top];
        if (filled === k && nodeDistance > bestDistance[k - 1]) continue;
        const left = this.nodeLeft[node];
        if (left < 0) {
          for (let r = this.nodeStart[node]; r < this.nodeEnd[node]; r++) {
            const base = r * d;
            // Partial distances: stop summing once the point is already farther than the k-th.
            const worst = filled === k ? bestDistance[k - 1] : Infinity;
            let s = 0;
            if (this.p === 2) {
              for (let j = 0; j < d; j++) {
                const diff = this.points[base + j] - q[j];
                s += diff * diff;
                if (s > worst) break;
              }
            } else {
              for (let j = 0; j < d; j++) {
                s += Math.abs(this.points[base + j] - q[j]);
                if (s > worst) break;
              }
            }
            if (s > worst) continue;
            const index = this.order[r];
            if (filled === k && s === worst && index > bestIndex[k - 1]) continue;
            // Insert (s, index) into the sorted list, dropping the last when full.
            let position = filled < k ? filled++ : k - 1;
            while (
              position > 0 &&
              (bestDistance[position - 1] > s || (bestDistance[position - 1] === s && bestIndex[position - 1] > index))
            ) {
              bestDistance[position] = bestDistance[position - 1];
              bestIndex[position] = bestIndex[position - 1];
              position--;
            }
            bestDistance[position] = s;
            bestIndex[position] = index;
          }
          continue;
        }
        const right = this.nodeRight[node];
        const leftDistance = this.boxDistance(left, q);
        const rightDistance = this.boxDistance(right, q);
        // Push the farther child first so the nearer one is searched first.
        if (leftDistance <= rightDistance) {
          stack[top] = right;
          stackDistance[top++] = rightDistance;
          stack[top] = left;
          stackDistance[top++] = leftDistance;
        } else {
          stack[top] = left;
          stackDistance[top++] = leftDistance;
          stack[top] = right;
          stackDistance[top++] = rightDistance;
        }
      }
      for (let m = 0; m < k; m++) {
        indices[t * k + m] = bestIndex[m];
        distances[t * k + m] = this.p === 2 ? Math.sqrt(bestDistance[m]) : bestDistance[m];
      }
    }
    return { indices, distances };
  }

  /** Reduced distance (squared for p = 2) from q to the node's bounding box. */
  private boxDistance(node: number, q: Float64Array): number {
    const d = this.dims;
    let s = 0;
    for (let j = 0; j < d; j++) {
      const lo = this.lower[node * d + j];
      const hi = this.upper[node * d + j];
      const v = q[j];
      const gap = v < lo ? lo - v : v > hi ? v - hi : 0;
      s += this.p === 2 ? gap * gap : gap;
    }
    return s;
  }
}
