# The xgboost side of `npm run bench -- explain`: loads each model (our trees in xgboost's JSON
# format), checks its margins against ours, and times pred_contribs (xgboost's TreeSHAP) on the
# same rows with 1 and 2 threads. Reads {"models": [{"name", "file", "rows": "<path of a float32
# row-major .bin>", "features", "margins"}]} on stdin; writes per model the rows/s and the worst
# margin difference.
import json, sys, time
import numpy as np
import xgboost as xgb

request = json.load(sys.stdin)
out = []
for m in request["models"]:
    X = np.fromfile(m["rows"], dtype=np.float32).reshape(-1, m["features"])
    dm = xgb.DMatrix(X, missing=np.nan)
    b = xgb.Booster()
    b.load_model(m["file"])
    margin = b.predict(dm, output_margin=True)
    worst = float(np.max(np.abs(margin - np.array(m["margins"]))))
    timings = {}
    for threads in (1, 2):
        b.set_param({"nthread": threads})
        b.predict(dm, pred_contribs=True)  # warm-up
        start = time.perf_counter()
        b.predict(dm, pred_contribs=True)
        timings[str(threads)] = X.shape[0] / (time.perf_counter() - start)
    out.append({"name": m["name"], "rowsPerSecond": timings, "worstMargin": worst, "version": xgb.__version__})
json.dump(out, sys.stdout)
