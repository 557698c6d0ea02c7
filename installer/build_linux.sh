#!/usr/bin/env bash
# Build the Linux bundle of the clerk application, check it, and pack it.
#
#   installer/build_linux.sh [--venv DIR] [--no-deb]
#
# --venv DIR  Python environment to build in (created with $PYTHON, default python3, if missing).
#             Default: the active virtual environment, else .venv of the checkout, else build/venv.
# --no-deb    do not make the .deb package (it is made when dpkg-deb is present).
#
# Outputs in dist/: clerk-app/ (the frozen program), clerk-app-<version>-linux-<arch>.tar.gz and,
# with dpkg-deb, clerk-app_<version>_<debarch>.deb. The frozen `clerk-app --smoke` must pass.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

VENV=""
MAKE_DEB=1
while [ $# -gt 0 ]; do
  case "$1" in
    --venv) VENV="$2"; shift 2 ;;
    --no-deb) MAKE_DEB=0; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "build_linux.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
if [ -z "$VENV" ]; then
  if [ -n "${VIRTUAL_ENV:-}" ]; then VENV="$VIRTUAL_ENV"
  elif [ -x .venv/bin/python ]; then VENV="$ROOT/.venv"
  else VENV="$ROOT/build/venv"
  fi
fi

started=$(date +%s)
step() { printf '\n== %s (%ss)\n' "$1" "$(( $(date +%s) - started ))"; }

step "Python environment: $VENV"
if [ ! -x "$VENV/bin/python" ]; then
  "${PYTHON:-python3}" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip
fi
PY="$VENV/bin/python"
"$PY" - <<'EOF'
import sys
if sys.version_info < (3, 11):
    sys.exit(f"Python 3.11 or newer is needed, this is {sys.version.split()[0]}")
EOF
"$PY" -m pip install -q -e ".[build]"

NAME=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["name"])')
VERSION=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
ARCH=$(uname -m)

step "PyInstaller: $NAME $VERSION"
rm -rf "dist/$NAME"
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller installer/clerk-app.spec
BUNDLE="dist/$NAME"

step "Smoke test of the frozen program"
QT_QPA_PLATFORM=offscreen "$BUNDLE/$NAME" --smoke

step "tar.gz"
STAGE="build/package/$NAME-$VERSION"
rm -rf "build/package"
mkdir -p "$STAGE"
cp -a "$BUNDLE/." "$STAGE/"
install -Dm644 installer/linux/clerk-app.desktop "$STAGE/share/applications/$NAME.desktop"
install -Dm644 resources/icons/clerk-app.png "$STAGE/share/icons/hicolor/256x256/apps/$NAME.png"
install -Dm644 resources/icons/clerk-app.svg "$STAGE/share/icons/hicolor/scalable/apps/$NAME.svg"
install -Dm755 installer/linux/install.sh "$STAGE/install.sh"
TARBALL="dist/$NAME-$VERSION-linux-$ARCH.tar.gz"
tar -C build/package -czf "$TARBALL" "$NAME-$VERSION"

DEB=""
if [ "$MAKE_DEB" = 1 ] && command -v dpkg-deb >/dev/null 2>&1; then
  step ".deb"
  case "$ARCH" in x86_64) DEBARCH=amd64 ;; aarch64) DEBARCH=arm64 ;; *) DEBARCH="$ARCH" ;; esac
  DEBROOT="build/deb/root"
  rm -rf build/deb
  mkdir -p "$DEBROOT/DEBIAN" "$DEBROOT/opt/$NAME" "$DEBROOT/usr/bin"
  cp -a "$BUNDLE/." "$DEBROOT/opt/$NAME/"
  ln -s "/opt/$NAME/$NAME" "$DEBROOT/usr/bin/$NAME"
  install -Dm644 installer/linux/clerk-app.desktop "$DEBROOT/usr/share/applications/$NAME.desktop"
  install -Dm644 resources/icons/clerk-app.png "$DEBROOT/usr/share/icons/hicolor/256x256/apps/$NAME.png"
  install -Dm644 resources/icons/clerk-app.svg "$DEBROOT/usr/share/icons/hicolor/scalable/apps/$NAME.svg"
  SIZE_KB=$(du -sk --exclude=DEBIAN "$DEBROOT" | cut -f1)
  sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$DEBARCH/" -e "s/@INSTALLED_SIZE@/$SIZE_KB/" \
      -e "s|@MAINTAINER@|${CLERK_APP_MAINTAINER:-Clerk application team <clerk-app@localhost>}|" \
      -e "s|@HOMEPAGE@|${CLERK_APP_HOMEPAGE:-https://localhost/clerk-app}|" \
      installer/linux/debian/control.in > "$DEBROOT/DEBIAN/control"
  DEB="dist/${NAME}_${VERSION}_${DEBARCH}.deb"
  dpkg-deb --root-owner-group -Zgzip --build "$DEBROOT" "$DEB" >/dev/null
fi

step "Done"
echo "bundle:  $BUNDLE  $(du -sh "$BUNDLE" | cut -f1) ($(find "$BUNDLE" -type f | wc -l) files)"
echo "tar.gz:  $TARBALL  $(du -h "$TARBALL" | cut -f1)"
[ -n "$DEB" ] && echo "deb:     $DEB  $(du -h "$DEB" | cut -f1)"
echo "total time: $(( $(date +%s) - started )) s"
