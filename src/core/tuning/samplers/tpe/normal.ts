// The standard normal distribution to full double precision, in log space where tails need it:
// what the truncated-normal kernels of the Parzen estimators are made of. erfc itself is
// fdlibm's rational approximation (fastErfc, below: no loop, within ~1e-13 of SciPy's); the
// slower series below are kept as its independent check (erfcReference) and for the far tail.
//   erf for |x| < 3: the all-positive series erf(x) = 2/√π e^(−x²) Σ (2x²)^n x / (1·3·…·(2n+1))
//   (no cancellation); erfc for x ≥ 3: Lentz's continued fraction for e^(x²) erfc(x).
const SQRT_PI = Math.sqrt(Math.PI);
const SQRT2 = Math.SQRT2;
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return (2 / SQRT_PI) * Math.exp(-x2) * sum;
}

/** e^(x²) erfc(x) for x ≥ 3 (continued fraction, modified Lentz). */
function erfcxLarge(x: number): number {
  // erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …)))))
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    d = d === 0 ? tiny : d;
    c = x + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return 1 / (f * SQRT_PI);
}

/** erfc by the series and continued fraction above: slow, the check on fastErfc (tests). */
export function erfcReference(x: number): number {
  if (x < 0) return 2 - erfcReference(-x);
  if (x < 3) return 1 - erfSeries(x);
  return Math.exp(-x * x) * erfcxLarge(x);
}

export function erfc(x: number): number {
  return fastErfc(x);
}

/** log erfc(x), finite far into the upper tail (where erfc itself underflows). */
export function logErfc(x: number): number {
  if (x < 26) return Math.log(fastErfc(x));
  return -x * x + Math.log(erfcxLarge(x));
}

/** log Φ(z). */
export function logNdtr(z: number): number {
  return Math.log(0.5) + logErfc(-z / SQRT2);
}

export function ndtr(z: number): number {
  return 0.5 * erfc(-z / SQRT2);
}

/** log(e^x − e^y) for x ≥ y. */
function logDiff(x: number, y: number): number {
  return x === -Infinity ? -Infinity : x + Math.log1p(-Math.exp(y - x));
}

/** log(Φ(b) − Φ(a)), a ≤ b, stable in either tail. */
export function logGaussMass(a: number, b: number): number {
  if (b <= 0) return logDiff(logNdtr(b), logNdtr(a));
  if (a > 0) return logDiff(logNdtr(-a), logNdtr(-b));
  return Math.log1p(-ndtr(a) - ndtr(-b));
}

/** log φ(z). */
export function logPhi(z: number): number {
  return -0.5 * z * z - LOG_SQRT_2PI;
}

/** Φ⁻¹(p) for 0 < p < 1: Acklam's rational approximation, then two Halley steps on our erfc. */
export function ndtri(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  let x: number;
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - 0.02425) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
      (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x =
      -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  for (let i = 0; i < 2; i++) {
    const e = ndtr(x) - p;
    const u = e * Math.sqrt(2 * Math.PI) * Math.exp(0.5 * x * x);
    x -= u / (1 + 0.5 * x * u);
  }
  return x;
}

// erfc for the hot loops of the estimator's densities: fdlibm's s_erf.c rational approximations
// (Sun Microsystems, freely redistributable), within a few ulp of the series above, with no loop.
const ERX = 8.45062911510467529297e-1;
const PP = [
  1.28379167095512558561e-1, -3.2504210724700149937e-1, -2.84817495755985104766e-2, -5.77027029648944159157e-3,
  -2.37630166566501626084e-5,
];
const QQ = [
  3.97917223959155352819e-1, 6.50222499887672944485e-2, 5.08130628187576562776e-3, 1.32494738004321644526e-4,
  -3.9602282787753681232e-6,
];
const PA = [
  -2.36211856075265944077e-3, 4.14856118683748331666e-1, -3.72207876035701323847e-1, 3.18346619901161753674e-1,
  -1.10894694282396677476e-1, 3.54783043256182359371e-2, -2.166375594868790843e-3,
];
const QA = [
  1.06420880400844228286e-1, 5.40397917702171048937e-1, 7.18286544141962662868e-2, 1.26171219808761642112e-1,
  1.36370839120290507362e-2, 1.1984499846799107417e-2,
];
const RA = [
  -9.86494403484714822705e-3, -6.93858572707181764372e-1, -1.05586262253232909814e1, -6.23753324503260060396e1,
  -1.62396669462573470355e2, -1.84605092906711035994e2, -8.12874355063065934246e1, -9.81432934416914548592,
];
const SA = [
  1.96512716674392571292e1, 1.376577541435190426e2, 4.34565877475229228821e2, 6.45387271733267880336e2,
  4.29008140027567833386e2, 1.08635005541779435134e2, 6.57024977031928170135, -6.04244152148580987438e-2,
];
const RB = [
  -9.86494292470009928597e-3, -7.99283237680523006574e-1, -1.77579549177547519889e1, -1.60636384855821916062e2,
  -6.37566443368389627722e2, -1.02509513161107724954e3, -4.83519191608651397019e2,
];
const SB = [
  3.03380607434824582924e1, 3.25792512996573918826e2, 1.53672958608443695994e3, 3.19985821950859553908e3,
  2.55305040643316442583e3, 4.74528541206955367215e2, -2.24409524465858183362e1,
];

export function fastErfc(x: number): number {
  const ax = Math.abs(x);
  if (ax < 0.84375) {
    const z = x * x;
    const r = PP[0] + z * (PP[1] + z * (PP[2] + z * (PP[3] + z * PP[4])));
    const s = 1 + z * (QQ[0] + z * (QQ[1] + z * (QQ[2] + z * (QQ[3] + z * QQ[4]))));
    const y = r / s;
    return x < 0.25 ? 1 - (x + x * y) : 0.5 - (x - 0.5 + x * y);
  }
  if (ax < 1.25) {
    const s = ax - 1;
    const p = PA[0] + s * (PA[1] + s * (PA[2] + s * (PA[3] + s * (PA[4] + s * (PA[5] + s * PA[6])))));
    const q = 1 + s * (QA[0] + s * (QA[1] + s * (QA[2] + s * (QA[3] + s * (QA[4] + s * QA[5])))));
    return x >= 0 ? 1 - ERX - p / q : 1 + ERX + p / q;
  }
  if (ax >= 28) return x > 0 ? 0 : 2;
  const s = 1 / (ax * ax);
  let r: number;
  let big: number;
  if (ax < 1 / 0.35) {
    r = RA[0] + s * (RA[1] + s * (RA[2] + s * (RA[3] + s * (RA[4] + s * (RA[5] + s * (RA[6] + s * RA[7]))))));
    big =
      1 + s * (SA[0] + s * (SA[1] + s * (SA[2] + s * (SA[3] + s * (SA[4] + s * (SA[5] + s * (SA[6] + s * SA[7])))))));
  } else {
    if (x < -6) return 2;
    r = RB[0] + s * (RB[1] + s * (RB[2] + s * (RB[3] + s * (RB[4] + s * (RB[5] + s * RB[6])))));
    big = 1 + s * (SB[0] + s * (SB[1] + s * (SB[2] + s * (SB[3] + s * (SB[4] + s * (SB[5] + s * SB[6]))))));
  }
  // fdlibm splits ax into a high part z (low word cleared) so z² is exact; float32 rounding does the same.
  const z = Math.fround(ax);
  const e = (Math.exp(-z * z - 0.5625) * Math.exp((z - ax) * (z + ax) + r / big)) / ax;
  return x > 0 ? e : 2 - e;
}

/** Φ(b) − Φ(a) for a ≤ b, from the tail nearer to the interval (no cancellation to speak of). */
export function gaussMass(a: number, b: number): number {
  if (a >= 0) return 0.5 * (fastErfc(a / SQRT2) - fastErfc(b / SQRT2));
  if (b <= 0) return 0.5 * (fastErfc(-b / SQRT2) - fastErfc(-a / SQRT2));
  // Beyond 8.3σ a tail is < 1e−16 of 1: not worth the exp.
  return 1 - 0.5 * ((a < -8.3 ? 0 : fastErfc(-a / SQRT2)) + (b > 8.3 ? 0 : fastErfc(b / SQRT2)));
}
