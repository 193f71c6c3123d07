"""Run the self-test from source with the spec's EXCLUDES made unimportable.

A build takes minutes; this finds an exclusion the app cannot do without in
seconds. Run from the project root: python packaging/check_excludes.py
"""

import ast
import sys
from pathlib import Path

spec = Path(__file__).with_name("digit-recognizer.spec").read_text()
tree = ast.parse(spec)
excludes = next(ast.literal_eval(node.value) for node in ast.walk(tree)
                if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "EXCLUDES")
for name in excludes:
    sys.modules[name] = None  # "import name" now raises ImportError, as in the build
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.selftest import main  # noqa: E402

sys.exit(main())
