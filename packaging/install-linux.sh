#!/usr/bin/env bash
# Install the packaged app for the current user, or remove it again.
#   packaging/install-linux.sh [BUILD_FOLDER]    install (default: dist/digit-recognizer)
#   packaging/install-linux.sh --uninstall       remove everything this script installed
# Installs under ~/.local: the app in share/digit-recognizer/app, a command in
# bin/, a menu entry and an icon. Settings and saved models (in
# ~/.config/DigitRecognizer and ~/.local/share/DigitRecognizer) are the user's
# and are kept on uninstall.
set -euo pipefail

prefix="${XDG_DATA_HOME:-$HOME/.local/share}"
app_dir="$prefix/digit-recognizer/app"
bin_dir="$HOME/.local/bin"
desktop_file="$prefix/applications/digit-recognizer.desktop"
icon_file="$prefix/icons/hicolor/256x256/apps/digit-recognizer.png"
here="$(cd "$(dirname "$0")" && pwd)"

refresh_menus() {
    command -v update-desktop-database >/dev/null && update-desktop-database -q "$prefix/applications" || true
    command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$prefix/icons/hicolor" || true
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$prefix/digit-recognizer"
    rm -f "$bin_dir/digit-recognizer" "$desktop_file" "$icon_file"
    refresh_menus
    echo "Digit Recognizer removed (your settings and saved models are kept)."
    exit 0
fi

build="${1:-$here/../dist/digit-recognizer}"
if [ ! -x "$build/digit-recognizer" ]; then
    echo "No build at $build: run packaging/build.sh first, or give the build folder." >&2
    exit 1
fi

# Copy beside the old install, then swap, so a failed copy leaves the old one working.
mkdir -p "$prefix/digit-recognizer" "$bin_dir" "$(dirname "$desktop_file")" "$(dirname "$icon_file")"
rm -rf "$app_dir.new"
cp -a "$build" "$app_dir.new"
rm -rf "$app_dir.old"
[ -d "$app_dir" ] && mv "$app_dir" "$app_dir.old"
mv "$app_dir.new" "$app_dir"
rm -rf "$app_dir.old"

ln -sfn "$app_dir/digit-recognizer" "$bin_dir/digit-recognizer"
icon_source="$(find "$app_dir" -path '*resources/icons/digit-recognizer.png' -print -quit)"
cp "${icon_source:-$here/../resources/icons/digit-recognizer.png}" "$icon_file"
sed "s|@EXEC@|$app_dir/digit-recognizer|" "$here/digit-recognizer.desktop" > "$desktop_file"
refresh_menus
echo "Digit Recognizer installed in $app_dir; start it from the menu or with $bin_dir/digit-recognizer."
# Said here, once: without it, "digit-recognizer" typed in a terminal is "command not found".
case ":${PATH:-}:" in
    *":$bin_dir:"* | *":$bin_dir/:"*) ;;
    *) echo "Note: $bin_dir is not on your PATH, so the digit-recognizer command is not found by name yet."
       echo "To add it, run:  echo 'export PATH=\"\$HOME/.local/bin:\$PATH\"' >> ~/.profile"
       echo "then log out and in again (or run that export line in this terminal)." ;;
esac
