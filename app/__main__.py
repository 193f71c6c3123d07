"""Entry point: no arguments start the GUI; a sub-command runs headless.

The command-line path never imports Qt, and the GUI path does not wait for
TensorFlow before its window is shown.
"""

from __future__ import annotations

import sys

COMMANDS = {"train", "train-trajectory", "evaluate", "predict", "presets", "samples"}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["--self-test"]:
        from app.selftest import main as self_test

        return self_test()
    if argv and (argv[0] in COMMANDS or argv[0] in ("-h", "--help")):
        from training.cli import main as cli_main

        return cli_main(argv)
    from app.gui import run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
