"""Reference numbers for importance.test.ts, computed independently of our TypeScript:
PED-ANOVA's Pearson divergence with the densities from scipy.stats.gaussian_kde (Scott's rule)
on the same grid, and, as a second opinion on the ranking, Optuna 3.1's fANOVA importance of
the same trials.
stdin: {"space": {"params": [...]}, "trials": [{"number", "state", "params", "values"}],
        "direction": "minimize"|"maximize", "quantile": 0.1, "gridSize": 50}
stdout: {"divergence": {name: d}, "importance": {name: share}, "fanova": {name: share}}"""
import json
import math
import sys

import numpy as np
from scipy import stats

import optuna
from optuna import distributions
from optuna.importance import FanovaImportanceEvaluator, get_param_importances
from optuna.trial import TrialState, create_trial

req = json.load(sys.stdin)
sign = 1 if req["direction"] == "minimize" else -1
done = [t for t in req["trials"] if t["state"] == "complete" and math.isfinite(t["values"][0])]
done.sort(key=lambda t: (sign * t["values"][0], t["number"]))
G = req["gridSize"]


def grid(d):
    lo, hi = (math.log(d["low"]), math.log(d["high"])) if d.get("log") else (d["low"], d["high"])
    step = d.get("step", 1 if d["type"] == "int" else None)
    if step is not None and not d.get("log"):
        pts = np.arange(d["low"], d["high"] + step / 2, step)
        if len(pts) <= G:
            return pts, (hi - lo) / G
    return np.linspace(lo, hi, G), (hi - lo) / G


def density(xs, g, fallback):
    xs = np.asarray(xs, dtype=float)
    if len(xs) >= 2 and np.std(xs) > 0:
        p = stats.gaussian_kde(xs)(g)  # Scott's rule, the normalising constants cancel below
    else:
        p = stats.norm.pdf(g, loc=xs[:, None], scale=fallback).sum(axis=0)
    return p / p.sum()


divergence = {}
for p in req["space"]["params"]:
    d = p["distribution"]
    active = [t for t in done if p["name"] in t["params"]]
    if len(active) < 4:
        continue
    k = max(2, math.ceil(req["quantile"] * len(active)))
    vals = [t["params"][p["name"]] for t in active]
    if d["type"] == "categorical":
        ch = d["choices"]
        pa = np.array([1 + vals.count(c) for c in ch], float)
        pt = np.array([1 + vals[:k].count(c) for c in ch], float)
        pa, pt = pa / pa.sum(), pt / pt.sum()
    else:
        g, fb = grid(d)
        f = np.log if d.get("log") else (lambda x: np.asarray(x, float))
        pa = density(f(vals), g, fb)
        pt = density(f(vals[:k]), g, fb)
    pa, pt = pa + 1e-12, pt + 1e-12
    divergence[p["name"]] = float(np.sum(pa * (pt / pa - 1) ** 2))
total = sum(divergence.values())

optuna.logging.set_verbosity(optuna.logging.ERROR)


def dist_of(d):
    if d["type"] == "categorical":
        return distributions.CategoricalDistribution(d["choices"])
    if d["type"] == "float":
        return distributions.FloatDistribution(d["low"], d["high"], log=d.get("log", False), step=d.get("step"))
    return distributions.IntDistribution(d["low"], d["high"], log=d.get("log", False), step=d.get("step", 1))


dists = {p["name"]: dist_of(p["distribution"]) for p in req["space"]["params"]}
study = optuna.create_study(direction=req["direction"])
for t in done:
    study.add_trial(create_trial(params=t["params"], distributions={k: dists[k] for k in t["params"]},
                                 value=t["values"][0], state=TrialState.COMPLETE))
fanova = get_param_importances(study, evaluator=FanovaImportanceEvaluator(seed=0))
print(json.dumps({
    "divergence": divergence,
    "importance": {k: v / total for k, v in divergence.items()},
    "fanova": {k: float(v) for k, v in fanova.items()},
}))
