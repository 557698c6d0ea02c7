#!/usr/bin/env bash
# Compile the Windows installer script with makensis on Linux, as a check of the script itself.
#
#   installer/check_nsis.sh [SRCDIR | --stand-in] [OUTFILE]
#
# SRCDIR: the bundle to pack (default dist/clerk-app). With --stand-in, or when SRCDIR does not
# exist, a small folder with the bundle's layout (clerk-app.exe, clerk-app-cli.exe, _internal/) is
# packed instead: that checks the script in seconds.
# OUTFILE: the installer to write (default: a temporary file, removed afterwards).
# COMPRESS (environment): makensis compressor, default zlib here for speed (the real build uses lzma).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
command -v makensis >/dev/null 2>&1 || { echo "check_nsis.sh: makensis not found (apt-get install nsis)" >&2; exit 127; }

SRCDIR="${1:-dist/clerk-app}"
OUTFILE="${2:-}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
if [ "$SRCDIR" = "--stand-in" ] || [ ! -d "$SRCDIR" ]; then
  SRCDIR="$TMP/clerk-app"
  mkdir -p "$SRCDIR/_internal/resources"
  printf 'stand-in\n' > "$SRCDIR/clerk-app.exe"
  printf 'stand-in\n' > "$SRCDIR/clerk-app-cli.exe"
  cp -r resources/icons "$SRCDIR/_internal/resources/"
  echo "check_nsis.sh: no bundle, packing a stand-in folder with the bundle's layout"
fi
[ -n "$OUTFILE" ] || OUTFILE="$TMP/clerk-app-setup.exe"

PY="${PYTHON:-python3}"
[ -x .venv/bin/python ] && PY=.venv/bin/python
VERSION=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
QUAD=$("$PY" -c 'import re, sys; n = [int(x) for x in re.findall(r"\d+", sys.argv[1].split("+")[0])][:4]; print(".".join(map(str, n + [0] * (4 - len(n)))))' "$VERSION")

makensis -V2 -WX \
  "-DVERSION=$VERSION" "-DVERSION_QUAD=$QUAD" "-DSRCDIR=$(realpath "$SRCDIR")" \
  "-DOUTFILE=$(realpath -m "$OUTFILE")" "-DCOMPRESS=${COMPRESS:-zlib}" \
  installer/windows/clerk-app.nsi
echo "makensis: $(du -h "$OUTFILE" | cut -f1) installer compiled from $SRCDIR (version $VERSION)"
