"""Entry point: no arguments (or files to open) start the GUI; a sub-command runs headless.

The command-line path never imports Qt, and the GUI path does not wait for
TensorFlow before its window is shown.
"""

from __future__ import annotations

import sys

from app.commandline import route


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    chosen = route(argv)
    if chosen.kind == "self-test":
        from app.selftest import main as self_test

        return self_test()
    if chosen.kind == "command":
        from training.cli import main as cli_main

        return cli_main(argv)
    if chosen.kind == "mistake":
        print(chosen.line, file=sys.stderr)
        return 2
    from app.gui import run

    return run([], files=chosen.files)


if __name__ == "__main__":
    sys.exit(main())
