#!/usr/bin/env bash
# Install the unpacked clerk-app bundle: program files, menu entry and icon.
#
#   ./install.sh            as root: /opt/clerk-app, /usr/local/share/...; otherwise ~/.local/...
#   ./install.sh --uninstall
#
# Each clerk's data (~/.local/share/clerk-app: database, settings) is never touched.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
NAME=clerk-app
if [ "$(id -u)" -eq 0 ]; then
  PREFIX="${PREFIX:-/opt/$NAME}"; SHARE="${SHARE:-/usr/local/share}"; BIN="${BIN:-/usr/local/bin}"
else
  PREFIX="${PREFIX:-$HOME/.local/opt/$NAME}"; SHARE="${SHARE:-$HOME/.local/share}"; BIN="${BIN:-$HOME/.local/bin}"
fi

uninstall() {
  rm -rf "$PREFIX"
  rm -f "$SHARE/applications/$NAME.desktop" "$SHARE/icons/hicolor/256x256/apps/$NAME.png" \
        "$SHARE/icons/hicolor/scalable/apps/$NAME.svg"
  [ -L "$BIN/$NAME" ] && rm -f "$BIN/$NAME"
  echo "Программа удалена из $PREFIX; данные операторов (~/.local/share/$NAME) сохранены."
}

if [ "${1:-}" = "--uninstall" ]; then
  uninstall
  exit 0
fi

rm -rf "$PREFIX"
mkdir -p "$PREFIX" "$BIN"
cp -a "$HERE/$NAME" "$HERE/_internal" "$PREFIX/"
cp -a "$HERE/install.sh" "$PREFIX/"
install -Dm644 "$HERE/share/icons/hicolor/256x256/apps/$NAME.png" "$SHARE/icons/hicolor/256x256/apps/$NAME.png"
install -Dm644 "$HERE/share/icons/hicolor/scalable/apps/$NAME.svg" "$SHARE/icons/hicolor/scalable/apps/$NAME.svg"
mkdir -p "$SHARE/applications"
sed -e "s|/opt/$NAME/$NAME|$PREFIX/$NAME|g" "$HERE/share/applications/$NAME.desktop" \
  > "$SHARE/applications/$NAME.desktop"
ln -sfn "$PREFIX/$NAME" "$BIN/$NAME"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$SHARE/applications" || true
echo "Установлено в $PREFIX; ярлык «Рабочее место оператора МФЦ» добавлен в меню."
echo "Удаление: $PREFIX/install.sh --uninstall (данные операторов сохраняются)."
