#!/usr/bin/env bash
# Build the one-folder package with PyInstaller, archive it, and check it.
#   packaging/build.sh              build dist/digit-recognizer and dist/digit-recognizer-linux-x86_64.tar.gz
#   packaging/build.sh --self-test  ... then run the frozen app's --self-test headless
# Needs the package extra: pip install '.[package]'. Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-python3}"
# The hooks import TensorFlow several times; its C++ start-up lines (no GPU, CPU features) are not the build's.
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"

# The log keeps every warning but the known noise (packaging/build-noise.txt says what and why), which
# comes from the hooks' own subprocesses and so cannot be filtered inside PyInstaller.
"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/digit-recognizer.spec 2>&1 \
    | { grep -v -E -f <(grep -v -E '^(#|$)' packaging/build-noise.txt) || true; }

folder=dist/digit-recognizer
if [ "$(uname -s)" = Linux ] && command -v strip >/dev/null; then
    # TensorFlow's libraries carry ~260 MB of symbols; vendored *.libs are left alone.
    find "$folder/_internal/tensorflow" -name '*.so*' -type f -exec strip --strip-unneeded {} +
fi
archive="dist/digit-recognizer-$(uname -s | tr '[:upper:]' '[:lower:]')-$(uname -m).tar.gz"
tar -C dist -czf "$archive" digit-recognizer
echo "built $folder: $(du -sh "$folder" | cut -f1) ($(du -sb "$folder" | cut -f1) bytes); archive $archive: $(du -sh "$archive" | cut -f1)"

if [ "${1:-}" = "--self-test" ]; then
    QT_QPA_PLATFORM=offscreen "$folder/digit-recognizer" --self-test
fi
