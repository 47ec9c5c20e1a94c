#!/usr/bin/env bash
# The Debian packages that `npm start`, `npm test` and `.ci/run` need, in one list:
#   chromium     headless browser that renders the workbench for the integration and UI tests
#   ripgrep      repacked into the archive @vscode/ripgrep would otherwise download from GitHub
#   libkrb5-dev  gssapi headers: code-server's `kerberos` module compiles from source
#   g++ make python3  node-gyp's toolchain for code-server's native modules
#   python3-sklearn python3-pandas  scikit-learn and pandas: reference numbers in the unit tests,
#                the bring-your-own-trainer test and the benchmarks
#   python3-optuna  Optuna 3.1: the reference for the tuning samplers and pruners (tests, benchmark)
#   python3-xgboost xgboost 1.7: its own TreeSHAP (pred_contribs) is a reference for ours (tests, benchmark)
# Idempotent and fast when everything is present: apt runs only when a package is missing.
# As root it installs what is missing; otherwise it uses `sudo` when that works without a
# password prompt, and else prints the exact command to run and exits 1.
#   --check   only report: exit 0 when everything is present, 1 (with the list) otherwise
set -euo pipefail

packages=(chromium ripgrep libkrb5-dev g++ make python3 python3-sklearn python3-pandas python3-optuna python3-xgboost)

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg -s "$pkg" 2>/dev/null | grep -q '^Status: install ok installed'; then
    missing+=("$pkg")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "[system-deps] ok: ${packages[*]} already installed"
  exit 0
fi

echo "[system-deps] missing: ${missing[*]}"
if [ "${1:-}" = "--check" ]; then
  exit 1
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    echo "[system-deps] not root and sudo needs a password; run this once, then retry:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
echo "[system-deps] installed: ${missing[*]}"
