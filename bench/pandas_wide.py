# The pandas reference of the wide-data benchmark: read_csv + describe(include="all") + Pearson and
# Spearman .corr() over the same (capped) numeric columns the profile correlates. Prints one JSON
# line: wall time of the work and peak RSS of this process.
import json
import resource
import sys
import time

import pandas as pd

path, columns_file = sys.argv[1], sys.argv[2]
with open(columns_file) as f:
    columns = json.load(f)
started = time.perf_counter()
df = pd.read_csv(path)
df.describe(include="all")
df[columns].corr()
df[columns].corr(method="spearman")
ms = (time.perf_counter() - started) * 1000
print(json.dumps({"ms": ms, "maxRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
