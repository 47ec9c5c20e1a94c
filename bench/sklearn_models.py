# scikit-learn's side of the model benchmark (bench/models.mjs), run with Debian's /usr/bin/python3.
#   generate <csv>                       writes the synthetic 100,000 x 20 binary task (make_classification)
#   run <csv> <split.json> <models> <seeds>
#                                        fits each model once per seed (random_state 0..seeds-1) on the
#                                        shared train rows, scores ROC-AUC on the shared test rows, and
#                                        prints one JSON line per model: {model, auc: [per seed], seconds: [...]}
# Timing follows the same rule as bench/models.mjs: every seed's fit is timed; when the fits are quick,
# more fits of seed 0 are timed (up to MAX_FITS, within REPEAT_BUDGET seconds) so the median is stable;
# after a fit slower than SLOW_SECONDS the remaining seeds are skipped.
# Models use scikit-learn's defaults: RandomForestClassifier's n_jobs=None is one core (the issue's
# target); its both-cores time (n_jobs=-1, same trees) is measured as "random_forest_all_cores", for
# information. HistGradientBoostingClassifier uses both cores through OpenMP by default.
# The CSV has a header, numeric features and the 0/1 target in the last column; split.json lists
# the test row numbers (the rest is training), written once by bench/models.mjs for both sides.
import json
import sys
import time

import numpy as np

MAX_FITS = 20
REPEAT_BUDGET = 1.0
SLOW_SECONDS = 15


def generate(path):
    from sklearn.datasets import make_classification
    X, y = make_classification(n_samples=100000, n_features=20, n_informative=10, n_redundant=5, random_state=0)
    header = ','.join([f'x{j}' for j in range(X.shape[1])] + ['y'])
    np.savetxt(path, np.column_stack([X, y]), delimiter=',', fmt='%.17g', header=header, comments='')


def model_for(name, seed):
    from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
    from sklearn.linear_model import LogisticRegression
    if name == 'hist_gradient_boosting':
        return HistGradientBoostingClassifier(random_state=seed)
    if name == 'random_forest':
        return RandomForestClassifier(n_estimators=100, random_state=seed)
    if name == 'random_forest_all_cores':
        return RandomForestClassifier(n_estimators=100, n_jobs=-1, random_state=seed)
    if name == 'logistic_regression':
        return LogisticRegression(penalty='l2', C=1.0, random_state=seed)
    raise ValueError(f'unknown model {name}')


def timed_fit(name, seed, X, y):
    model = model_for(name, seed)
    started = time.perf_counter()
    model.fit(X, y)
    return model, time.perf_counter() - started


def run(csv, split_path, models, seeds):
    from sklearn.metrics import roc_auc_score
    data = np.loadtxt(csv, delimiter=',', skiprows=1)
    X, y = data[:, :-1], data[:, -1].astype(int)
    with open(split_path) as f:
        test = np.array(json.load(f)['test'], dtype=int)
    mask = np.ones(len(y), dtype=bool)
    mask[test] = False
    X_train, y_train, X_test, y_test = X[mask], y[mask], X[test], y[test]
    for name in models:
        Xa, Xb = X_train, X_test
        if name == 'logistic_regression':
            # Standardised with the training rows' mean and (population) standard deviation, like ours.
            mean = X_train.mean(axis=0)
            std = X_train.std(axis=0)
            std[std == 0] = 1
            Xa, Xb = (X_train - mean) / std, (X_test - mean) / std
        times, aucs = [], []
        if name == 'random_forest_all_cores':
            # Time only: n_jobs does not change the trees. Up to 3 fits (1 when slow).
            for r in range(3):
                times.append(timed_fit(name, 0, Xa, y_train)[1])
                if times[0] > SLOW_SECONDS:
                    break
        else:
            for seed in range(seeds):
                model, seconds = timed_fit(name, seed, Xa, y_train)
                times.append(seconds)
                aucs.append(float(roc_auc_score(y_test, model.predict_proba(Xb)[:, 1])))
                if seconds > SLOW_SECONDS:
                    break  # a slow fit: one seed only
        while len(times) < MAX_FITS and sum(times) < REPEAT_BUDGET:
            times.append(timed_fit(name, 0, Xa, y_train)[1])
        print(json.dumps({'model': name, 'seconds': times, 'auc': aucs}), flush=True)


if __name__ == '__main__':
    if sys.argv[1] == 'generate':
        generate(sys.argv[2])
    elif sys.argv[1] == 'run':
        import sklearn
        print(json.dumps({'sklearn': sklearn.__version__}), flush=True)
        run(sys.argv[2], sys.argv[3], sys.argv[4].split(','), int(sys.argv[5]))
    else:
        raise SystemExit(f'unknown command {sys.argv[1]}')
