# scikit-learn's side of the model benchmark (bench/models.mjs), run with Debian's /usr/bin/python3.
#   generate <csv>                          writes the synthetic 100,000 x 20 binary task (make_classification)
#   run <csv> <split.json> <models> <rounds> fits the models on the shared train rows, scores ROC-AUC on
#                                           the shared test rows; prints one JSON line per model
# The CSV has a header, numeric features and the 0/1 target in the last column; split.json lists
# the test row numbers (the rest is training), written once by bench/models.mjs for both sides.
import json
import sys
import time

import numpy as np


def generate(path):
    from sklearn.datasets import make_classification
    X, y = make_classification(n_samples=100000, n_features=20, n_informative=10, n_redundant=5, random_state=0)
    header = ','.join([f'x{j}' for j in range(X.shape[1])] + ['y'])
    np.savetxt(path, np.column_stack([X, y]), delimiter=',', fmt='%.17g', header=header, comments='')


def model_for(name):
    from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
    from sklearn.linear_model import LogisticRegression
    if name == 'hist_gradient_boosting':
        return HistGradientBoostingClassifier(random_state=0)
    if name == 'random_forest':
        # Both cores, as ours uses both (scikit-learn's default n_jobs=None would use one).
        return RandomForestClassifier(n_estimators=100, n_jobs=-1, random_state=0)
    if name == 'logistic_regression':
        return LogisticRegression(penalty='l2', C=1.0)
    raise ValueError(f'unknown model {name}')


def run(csv, split_path, models, rounds):
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
        times = []
        model = None
        for r in range(rounds):
            model = model_for(name)
            started = time.perf_counter()
            model.fit(Xa, y_train)
            times.append(time.perf_counter() - started)
            if r == 0 and times[0] > 10 and rounds > 1:
                break  # slow fits are measured once
        auc = roc_auc_score(y_test, model.predict_proba(Xb)[:, 1])
        print(json.dumps({'model': name, 'seconds': times, 'auc': float(auc)}), flush=True)


if __name__ == '__main__':
    if sys.argv[1] == 'generate':
        generate(sys.argv[2])
    elif sys.argv[1] == 'run':
        import sklearn
        print(json.dumps({'sklearn': sklearn.__version__}), flush=True)
        run(sys.argv[2], sys.argv[3], sys.argv[4].split(','), int(sys.argv[5]))
    else:
        raise SystemExit(f'unknown command {sys.argv[1]}')
