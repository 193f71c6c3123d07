"""digit-recognizer samples add / list / import / export / clear: the personal samples from the command line.

The store is the app's own (the user data folder's "samples", which follows
XDG_DATA_HOME on Linux), so what a script adds the Draw tab reads with, and
``predict`` reads with it too (training/reading/personal.py).
"""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path

from training.errors import ConfigError, DigitRecognizerError


def samples_folder() -> Path:
    from training.paths import user_data_dir

    return user_data_dir() / "samples"


def add_parser(sub) -> None:
    s = sub.add_parser("samples", help="your own samples: add, list, import, export, clear",
                       description="The samples the app reads your handwriting with (and fine-tunes on), "
                                   "kept in your user data folder. Each counts at once: the Draw tab and "
                                   "predict read with them.")
    ops = s.add_subparsers(dest="samples_command", metavar="ACTION", required=True)
    a = ops.add_parser("add", help="save images as samples of one digit")
    a.add_argument("digit", metavar="DIGIT", type=int, choices=range(10))
    a.add_argument("images", metavar="IMAGE", nargs="+")
    lst = ops.add_parser("list", help="every sample, then the count per digit")
    lst.add_argument("--json", action="store_true", help="one JSON object")
    i = ops.add_parser("import", help="add the images of a Keras-layout .npz (x_train/y_train, x_test/y_test)")
    i.add_argument("file", metavar="FILE.npz")
    e = ops.add_parser("export", help="write every sample to a Keras-layout .npz")
    e.add_argument("file", metavar="FILE.npz")
    ops.add_parser("clear", help="delete every sample")


def cmd_samples(args, argv) -> int:
    from training.data.samples import SampleStore

    store = SampleStore(samples_folder())
    return {"add": _add, "list": _list, "import": _import, "export": _export,
            "clear": _clear}[args.samples_command](store, args)


def _add(store, args) -> int:
    from training.reading.preprocess import load_image, to_mnist

    failures = 0
    for name in args.images:
        try:
            image = to_mnist(load_image(name))
            if image is None:
                raise DigitRecognizerError("No digit found in {name}.", name=name)
            sample = store.add(image, args.digit)
        except DigitRecognizerError as exc:  # one file's failure is that file's line; the rest are added
            failures += 1
            print(f"{name}: error: {exc}", flush=True)
            continue
        print(f"{name}: saved as {args.digit} ({sample.id})", flush=True)
    print(f"{store.counts()[args.digit]} sample(s) of {args.digit}, {store.count()} in all, in {store.folder}")
    return 1 if failures else 0


def _list(store, args) -> int:
    samples = store.samples()
    counts = store.counts()
    if args.json:
        print(json.dumps({"folder": str(store.folder), "count": len(samples), "per_digit": counts,
                          "samples": [{"id": s.id, "digit": s.digit, "created": s.created} for s in samples]}))
        return 0
    for s in samples:
        when = _dt.datetime.fromtimestamp(s.created).isoformat(sep=" ", timespec="seconds") if s.created else "-"
        print(f"{s.id}  {s.digit}  {when}")
    print("per digit: " + "  ".join(f"{d}: {n}" for d, n in enumerate(counts)) + f"  ({len(samples)} in all)")
    print(f"folder: {store.folder}")
    return 0


def _import(store, args) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise ConfigError("{path} is not a file.", path=path)
    count = store.import_npz(path)
    print(f"imported {count} sample(s) from {path}; {store.count()} in all")
    return 0


def _export(store, args) -> int:
    from training.paths import check_writable_file

    path = Path(args.file)
    check_writable_file(path)
    count = store.export_npz(path)
    print(f"exported {count} sample(s) to {path}")
    return 0


def _clear(store, args) -> int:
    samples = store.samples()
    store.delete_many(s.id for s in samples)
    print(f"deleted {len(samples)} sample(s) from {store.folder}")
    return 0
