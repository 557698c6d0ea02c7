#!/usr/bin/env bash
# Installs everything and starts the clerk's window in training mode (a sandbox gateway on loopback).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/bootstrap.sh
exec .venv/bin/clerk-app-gui --training "$@"
