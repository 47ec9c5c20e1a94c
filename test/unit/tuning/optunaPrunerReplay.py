# Replays recorded learning curves through Optuna's own pruner (the reference for our pruners).
# Input (stdin, JSON): {"pruner": {...}, "direction": "minimize"|"maximize", "studyName": str,
#   "trials": [{"steps": [int], "values": [float|null]}]}   (null stands for NaN)
# Trials run one after another; each reports its values in order and asks should_prune after
# every report. A complete trial is told its last value. Output (stdout, JSON):
#   {"pruned": [[trial, step], ...], "brackets": [bracket per trial] | null}
import json
import math
import sys

import optuna

optuna.logging.set_verbosity(optuna.logging.ERROR)

spec = json.load(sys.stdin)
p = spec["pruner"]
kind = p["kind"]
if kind == "median":
    pruner = optuna.pruners.MedianPruner(
        n_startup_trials=p.get("startupTrials", 5),
        n_warmup_steps=p.get("warmupSteps", 0),
        interval_steps=p.get("intervalSteps", 1),
        n_min_trials=p.get("minTrials", 1),
    )
elif kind == "successive_halving":
    pruner = optuna.pruners.SuccessiveHalvingPruner(
        min_resource=p.get("minResource", "auto"),
        reduction_factor=p.get("reductionFactor", 4),
        min_early_stopping_rate=p.get("minEarlyStoppingRate", 0),
    )
elif kind == "hyperband":
    pruner = optuna.pruners.HyperbandPruner(
        min_resource=p.get("minResource", 1),
        max_resource=p.get("maxResource", "auto"),
        reduction_factor=p.get("reductionFactor", 3),
    )
else:
    raise SystemExit("unknown pruner kind " + kind)

study = optuna.create_study(
    study_name=spec["studyName"], direction=spec["direction"], pruner=pruner
)
pruned = []
for number, curve in enumerate(spec["trials"]):
    trial = study.ask()
    assert trial.number == number
    last = math.nan
    stopped = False
    for step, value in zip(curve["steps"], curve["values"]):
        last = math.nan if value is None else float(value)
        trial.report(last, step)
        if trial.should_prune():
            pruned.append([number, step])
            study.tell(trial, state=optuna.trial.TrialState.PRUNED)
            stopped = True
            break
    if not stopped:
        if math.isnan(last):
            study.tell(trial, state=optuna.trial.TrialState.FAIL)
        else:
            study.tell(trial, last)

brackets = None
if kind == "hyperband" and len(pruner._pruners) > 0:
    brackets = [pruner._get_bracket_id(study, t) for t in study.get_trials(deepcopy=False)]
json.dump({"pruned": pruned, "brackets": brackets}, sys.stdout)
