"""Reference log-densities for parzen.test.ts: the mixture Optuna 3.1's own Parzen estimator
builds (its bandwidths, weights, prior and categorical kernels), with the density computed
independently by SciPy (scipy.stats.truncnorm; normal-cdf mass over the grid cell for stepped
and integer parameters). Optuna 3.1's own log_pdf leaves out the −log(sigma) of each
continuous kernel (its _truncnorm.logpdf ignores `scale`), so its numbers are not densities;
"optunaLogPdf" is returned too, to show that difference.
stdin: {"cases": [{"dist": {...}, "observations": [...], "points": [...], "multivariate": bool}]}
(observations and points are external values: floats, ints, or category indices.)
stdout: {"logPdf": [[...], ...]}"""
import json
import sys

import numpy as np
from scipy import special, stats
from optuna import distributions
from optuna.samplers._tpe.parzen_estimator import _ParzenEstimator, _ParzenEstimatorParameters
from optuna.samplers._tpe.sampler import default_weights


def dist_of(d):
    if d["type"] == "categorical":
        return distributions.CategoricalDistribution(d["choices"])
    if d["type"] == "float":
        return distributions.FloatDistribution(d["low"], d["high"], log=d.get("log", False), step=d.get("step"))
    return distributions.IntDistribution(d["low"], d["high"], log=d.get("log", False), step=d.get("step", 1))


out = []
optuna_out = []
for case in json.load(sys.stdin)["cases"]:
    params = _ParzenEstimatorParameters(
        consider_prior=True,
        prior_weight=1.0,
        consider_magic_clip=True,
        consider_endpoints=False,
        weights=default_weights,
        multivariate=case["multivariate"],
    )
    dists = {f"p{i}": dist_of(d) for i, d in enumerate(case["dists"])}
    obs = {f"p{i}": np.asarray(o, dtype=float) for i, o in enumerate(case["observations"])}
    pts = {f"p{i}": np.asarray(p, dtype=float) for i, p in enumerate(case["points"])}
    for name, d in dists.items():
        if isinstance(d, distributions.CategoricalDistribution):
            obs[name] = obs[name].astype(int)
            pts[name] = pts[name].astype(int)
    pe = _ParzenEstimator(obs, dists, params)
    n_points = len(next(iter(pts.values())))
    comp = np.tile(np.log(pe._weights), (n_points, 1))
    for name, d in dists.items():
        x = pts[name]
        if isinstance(d, distributions.CategoricalDistribution):
            comp += np.log(pe._categorical_weights[name].T[x, :])
            continue
        if d.log:
            x = np.log(x)
        low, high, q = pe._low[name], pe._high[name], pe._q[name]
        mus, sigmas = pe._mus[name], pe._sigmas[name]
        mass = stats.norm.cdf((high - mus) / sigmas) - stats.norm.cdf((low - mus) / sigmas)
        if q is None:
            comp += stats.truncnorm.logpdf(x[:, None], (low - mus) / sigmas, (high - mus) / sigmas, loc=mus, scale=sigmas)
        else:
            up = np.minimum(x + q / 2, high)[:, None]
            lo = np.maximum(x - q / 2, low)[:, None]
            comp += np.log(stats.norm.cdf((up - mus) / sigmas) - stats.norm.cdf((lo - mus) / sigmas)) - np.log(mass)
    out.append([float(v) for v in special.logsumexp(comp, axis=1)])
    optuna_out.append([float(v) for v in pe.log_pdf(pts)])
json.dump({"logPdf": out, "optunaLogPdf": optuna_out}, sys.stdout)
