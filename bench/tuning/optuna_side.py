"""The Optuna side of the tuning benchmark (bench/tuning/run.ts): Debian's Optuna 3.1 with its
defaults on the same test functions and spaces as ours (bench/tuning/functions.ts defines the same
formulas). Reads one JSON request on stdin, writes one JSON result on stdout.

  {"mode": "quality", "runs": [{"function", "sampler", "seed", "trials"}], "out": dir}
    -> each run written as it finishes to <dir>/<function>-<sampler>-seed<seed>-n<trials>.json:
       {"function", "sampler", "seed", "trials", "optuna": version, "best": [best-so-far after
       each trial], "seconds"}; stdout {"written": [paths]}
  {"mode": "version"} -> {"optuna": version}
  {"mode": "bridge"}: one JSON command per stdin line, one JSON answer per stdout line, so
    Optuna's sampler picks the parameters of an objective our Node process evaluates:
      {"cmd": "create", "space": [ParamDef...], "seed", "sampler"} -> {"ok": true}
      {"cmd": "ask"} -> {"params": {...}}   (conditional parameters suggested when their
                                            conditions hold, in the space's order)
      {"cmd": "tell", "value": v} -> {"ok": true}   (v null: the trial failed)
  {"mode": "overhead", "trials": 1000, "window": [751, 1000]}
    -> {"msPerTrial": mean wall ms of ask+tell over the window's trials, "cpuMsPerTrial": CPU ms}
  {"mode": "check", "points": [{"function", "params"}]}
    -> {"values": [...]}  (the formulas at given points, to prove both sides compute the same)
"""
import json
import math
import os
import sys
import time

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)


def branin(t):
    x1 = t.suggest_float("x1", -5.0, 10.0)
    x2 = t.suggest_float("x2", 0.0, 15.0)
    a, b, c = 1.0, 5.1 / (4 * math.pi**2), 5 / math.pi
    r, s, tt = 6.0, 10.0, 1 / (8 * math.pi)
    return a * (x2 - b * x1**2 + c * x1 - r) ** 2 + s * (1 - tt) * math.cos(x1) + s


HARTMANN_A = [
    [10, 3, 17, 3.5, 1.7, 8],
    [0.05, 10, 17, 0.1, 8, 14],
    [3, 3.5, 1.7, 10, 17, 8],
    [17, 8, 0.05, 10, 0.1, 14],
]
HARTMANN_P = [
    [1312, 1696, 5569, 124, 8283, 5886],
    [2329, 4135, 8307, 3736, 1004, 9991],
    [2348, 1451, 3522, 2883, 3047, 6650],
    [4047, 8828, 8732, 5743, 1091, 381],
]
HARTMANN_ALPHA = [1.0, 1.2, 3.0, 3.2]


def hartmann6(t):
    x = [t.suggest_float(f"x{i}", 0.0, 1.0) for i in range(6)]
    total = 0.0
    for i in range(4):
        inner = sum(HARTMANN_A[i][j] * (x[j] - HARTMANN_P[i][j] * 1e-4) ** 2 for j in range(6))
        total -= HARTMANN_ALPHA[i] * math.exp(-inner)
    return total


def rosenbrock4(t):
    x = [t.suggest_float(f"x{i}", -2.048, 2.048) for i in range(4)]
    return sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in range(3))


def styblinski(d):
    def f(t):
        x = [t.suggest_float(f"x{i}", -5.0, 5.0) for i in range(d)]
        return sum(v**4 - 16 * v**2 + 5 * v for v in x) / 2

    return f


def mixed(t):
    w = t.suggest_float("w", 0.0, 1.0)
    kind = t.suggest_categorical("kind", ["sphere", "shifted", "abs"])
    base = (w - 0.25) ** 2
    if kind == "sphere":
        x = t.suggest_float("sphere.x", -5.0, 5.0)
        return base + x * x + 1
    if kind == "shifted":
        y = t.suggest_float("shifted.y", 1e-3, 1e3, log=True)
        n = t.suggest_int("shifted.n", 1, 20)
        return base + (math.log10(y) - 1) ** 2 + ((n - 7) / 5) ** 2
    z = t.suggest_float("abs.z", -5.0, 5.0, step=0.5)
    return base + abs(z - 1.5) + 0.5


FUNCTIONS = {
    "branin": branin,
    "hartmann6": hartmann6,
    "rosenbrock4": rosenbrock4,
    "styblinski2": styblinski(2),
    "styblinski5": styblinski(5),
    "styblinski10": styblinski(10),
    "mixed": mixed,
}


def sampler_for(name, seed):
    if name == "tpe":
        return optuna.samplers.TPESampler(seed=seed)
    if name == "random":
        return optuna.samplers.RandomSampler(seed=seed)
    raise ValueError(name)


def run_file(out_dir, run):
    return os.path.join(out_dir, f"{run['function']}-{run['sampler']}-seed{run['seed']}-n{run['trials']}.json")


def quality(req):
    written = []
    for run in req["runs"]:
        study = optuna.create_study(sampler=sampler_for(run["sampler"], run["seed"]))
        start = time.perf_counter()
        study.optimize(FUNCTIONS[run["function"]], n_trials=run["trials"])
        seconds = time.perf_counter() - start
        best, curve = math.inf, []
        for tr in study.trials:
            best = min(best, tr.value)
            curve.append(best)
        path = run_file(req["out"], run)
        with open(path + ".tmp", "w") as f:
            json.dump({**run, "optuna": optuna.__version__, "best": curve, "seconds": seconds}, f)
        os.replace(path + ".tmp", path)
        written.append(path)
    return {"written": written}


def suggest(trial, space):
    """Optuna's define-by-run suggestions for our space: a parameter only when its conditions hold."""
    params = {}
    for p in space:
        if not all(c["param"] in params and params[c["param"]] in c["values"] for c in p.get("conditions", [])):
            continue
        d = p["distribution"]
        if d["type"] == "categorical":
            params[p["name"]] = trial.suggest_categorical(p["name"], d["choices"])
        elif d["type"] == "float":
            params[p["name"]] = trial.suggest_float(
                p["name"], d["low"], d["high"], log=d.get("log", False), step=d.get("step")
            )
        else:
            params[p["name"]] = trial.suggest_int(
                p["name"], d["low"], d["high"], log=d.get("log", False), step=d.get("step", 1)
            )
    return params


def bridge():
    study, trial, space = None, None, None
    for line in sys.stdin:
        cmd = json.loads(line)
        if cmd["cmd"] == "create":
            study = optuna.create_study(sampler=sampler_for(cmd.get("sampler", "tpe"), cmd["seed"]))
            space = cmd["space"]
            answer = {"ok": True}
        elif cmd["cmd"] == "ask":
            trial = study.ask()
            answer = {"params": suggest(trial, space)}
        elif cmd["cmd"] == "tell":
            value = cmd["value"]
            if value is None:
                study.tell(trial, state=optuna.trial.TrialState.FAIL)
            else:
                study.tell(trial, value)
            answer = {"ok": True}
        else:
            raise ValueError(cmd["cmd"])
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()



def overhead(req):
    study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=0))
    lo, hi = req["window"]
    spent, cpu = [], []
    for i in range(1, req["trials"] + 1):
        start = time.perf_counter()
        start_cpu = time.process_time()
        t = study.ask()
        a = t.suggest_float("a", -10.0, 10.0)
        b = t.suggest_float("b", 1e-3, 1e3, log=True)
        n = t.suggest_int("n", 1, 100)
        c = t.suggest_categorical("c", ["x", "y", "z"])
        value = a * a + math.log(b) ** 2 + (n - 50) ** 2 / 100 + (0 if c == "y" else 1)
        study.tell(t, value)
        if lo <= i <= hi:
            spent.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
    return {"msPerTrial": 1000 * sum(spent) / len(spent), "cpuMsPerTrial": 1000 * sum(cpu) / len(cpu)}


class FixedTrial:
    """Answers suggest_* from given params: evaluates a function at a point, for the formula check."""

    def __init__(self, params):
        self.params = params

    def suggest_float(self, name, low, high, **_):
        return self.params[name]

    suggest_int = suggest_float

    def suggest_categorical(self, name, choices):
        return self.params[name]


def check(req):
    return {"values": [FUNCTIONS[p["function"]](FixedTrial(p["params"])) for p in req["points"]]}


if __name__ == "__main__":
    if sys.argv[1:] == ["bridge"]:
        bridge()
        sys.exit(0)
    request = json.load(sys.stdin)
    modes = {"quality": quality, "overhead": overhead, "check": check, "version": lambda _: {"optuna": optuna.__version__}}
    result = modes[request["mode"]](request)
    json.dump(result, sys.stdout)
