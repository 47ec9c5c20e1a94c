#!/usr/bin/env bash
# System packages that the real-VS Code runtime needs (see scripts/code-server.mjs):
#   chromium     headless browser that renders the workbench for the integration and UI tests
#   ripgrep      repacked into the archive @vscode/ripgrep would otherwise download from GitHub
#   libkrb5-dev  gssapi headers: code-server's `kerberos` module compiles from source
#   g++ make python3  node-gyp's toolchain for code-server's native modules
#   python3-sklearn python3-pandas  scikit-learn: reference numbers in the model tests, the bring-your-own-trainer test and the benchmark
# Idempotent and fast when everything is present: apt runs only when a package is missing.
set -euo pipefail

packages=(chromium ripgrep libkrb5-dev g++ make python3 python3-sklearn python3-pandas)

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
if [ "$(id -u)" -ne 0 ]; then
  echo "[system-deps] not root; run this once, then retry:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y "${missing[@]}"
echo "[system-deps] installed: ${missing[*]}"
