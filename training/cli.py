"""digit-recognizer train / evaluate / predict / presets: the headless commands.

Imports TensorFlow only once a command needs it, so ``--help`` is instant.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from pathlib import Path

from training.errors import ConfigError, DatasetError, DigitRecognizerError
from training.shares import percent_text

PROG = "digit-recognizer"


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    from training.data.datasets import DATASETS
    from training.models.presets import DEFAULT_PRESET, OPTIMIZERS, PRESETS

    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Draw a digit and watch it recognized. With no command the "
                    "desktop app starts; the commands below run headless.",
        epilog="digit-recognizer --self-test checks an installation headless (model, samples, "
               "one short epoch, the window offscreen) and prints one line.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    t = sub.add_parser("train", help="train a model preset and save it",
                       description="Train a model preset on MNIST, Fashion-MNIST or MNIST with real pen "
                                   "handwriting, and save it (a .keras file plus a .json sidecar).")
    t.add_argument("--dataset", default="mnist", choices=list(DATASETS), help="default: mnist")
    t.add_argument("--data", metavar="PATH", help="a Keras-layout .npz or a folder of IDX files "
                                                  "(default: the Keras cache, else download)")
    t.add_argument("--pen-data", metavar="PATH", nargs="+", action="extend",
                   help="pen data files (unipen-dev.npz, pendigits-train.npz; one or several), "
                        "for --dataset mnist+pen")
    t.add_argument("--model", default=DEFAULT_PRESET, choices=list(PRESETS), help=f"preset (default {DEFAULT_PRESET})")
    t.add_argument("--optimizer", choices=list(OPTIMIZERS), help="default: the preset's")
    t.add_argument("--lr", type=float, help="learning rate (default: the preset's)")
    t.add_argument("--lr-decay", type=float, default=1.0, help="multiply the learning rate by this after each epoch")
    t.add_argument("--epochs", type=int, help="default: the preset's")
    t.add_argument("--batch-size", type=int, help="default: the preset's")
    t.add_argument("--validation-split", type=float, default=0.1, metavar="SHARE",
                   help="share of the training images held out and read after each epoch (default 0.1; 0: none)")
    aug = t.add_mutually_exclusive_group()
    aug.add_argument("--augment", action="store_true", default=None, help="random shifts, rotations, zoom, stroke width")
    aug.add_argument("--no-augment", dest="augment", action="store_false")
    t.add_argument("--clean-epochs", type=int, default=None, metavar="N",
                   help="end an augmented run with N epochs on the images as they are")
    t.add_argument("--seed", type=int, default=0, help="the same seed repeats a run on one machine (default 0)")
    t.add_argument("--device", default="auto",
                   help="auto (default), cpu, gpu:N, or mirrored (every GPU, MirroredStrategy)")
    t.add_argument("--mixed-precision", action="store_true", help="float16 compute on a GPU")
    t.add_argument("--limit", type=positive_int, help="train on this many images only (a quick run)")
    t.add_argument("--out", metavar="FILE", help="where to save (default: PRESET-DATASET.keras)")

    e = sub.add_parser("evaluate", help="accuracy and confusion matrix of a model file")
    e.add_argument("model", metavar="MODEL")
    e.add_argument("--dataset", default="mnist", choices=list(DATASETS), help="default: mnist")
    e.add_argument("--data", metavar="PATH")
    e.add_argument("--pen-data", metavar="PATH", nargs="+", action="extend",
                   help="pen data files (one or several), for --dataset mnist+pen")
    e.add_argument("--limit", type=positive_int, help="evaluate on this many test images only")

    p = sub.add_parser("predict", help="read the digits in image files",
                       description="Read every digit on each image, left to right: photos and "
                                   "scans (dark on light) and canvas exports (light on dark) alike.")
    p.add_argument("images", metavar="IMAGE", nargs="+")
    p.add_argument("--model", metavar="FILE", help="default: the shipped model")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.add_argument("--no-personal", dest="personal", action="store_false",
                   help="read with the model alone, not with your samples (see: samples)")

    j = sub.add_parser("train-trajectory", help="train the network that reads the pen's path, for a model",
                       description="Train the trajectory network on the pen data's training writers and pair "
                                   "it with MODEL: its LiteRT file is written beside MODEL and named in "
                                   "MODEL's sidecar, and the Draw tab then reads strokes with both.")
    j.add_argument("model", metavar="MODEL", help="the .keras model (11 classes) to pair it with")
    j.add_argument("--pen-data", metavar="PATH", nargs="+", action="extend",
                   help="pen data files (unipen-dev.npz, pendigits-train.npz; one or several)")
    j.add_argument("--epochs", type=positive_int, default=12)
    j.add_argument("--seed", type=int, default=1)
    j.add_argument("--weight", type=float, default=0.5,
                   help="the trajectory's share of the combined reading, 0-1 (default 0.5)")
    j.add_argument("--every", type=positive_int, default=1, help="use every n-th sample only (a quick run)")

    sub.add_parser("presets", help="list the model presets and optimizers")
    from training.samples_cli import add_parser as add_samples_parser

    add_samples_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        from training.samples_cli import cmd_samples

        return {"train": cmd_train, "evaluate": cmd_evaluate, "train-trajectory": cmd_train_trajectory,
                "predict": cmd_predict, "presets": cmd_presets, "samples": cmd_samples}[args.command](args, argv)
    except DigitRecognizerError as exc:
        hint = ""
        if isinstance(exc, DatasetError) and "choose the file yourself" in str(exc):
            hint = (" Here: --pen-data PATH." if "pen handwriting" in str(exc) else " Here: --data PATH.")
        print(f"{PROG}: error: {exc}{hint}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130


def cmd_presets(args, argv) -> int:
    from training.models.presets import OPTIMIZERS, PRESETS

    print("Model presets:")
    for p in PRESETS.values():
        print(f"  {p.name:16} {p.description}")
    print("Optimizers:")
    for name, text in OPTIMIZERS.items():
        print(f"  {name:16} {text}")
    return 0


class ProgressBar:
    """One line per epoch; a live bar on a terminal."""

    def __init__(self, stream=sys.stderr):
        self.stream = stream
        self.live = stream.isatty()

    def __call__(self, event) -> None:
        from training.learning import trainer as t

        if isinstance(event, t.Started):
            self._print(f"training on {event.train_samples} images "
                        f"({event.validation_samples} held out for validation) on {event.device}")
        elif isinstance(event, t.Progress) and self.live:
            done = int(24 * event.batch / event.batches)
            self.stream.write(
                f"\repoch {event.epoch}/{event.epochs} [{'#' * done}{'.' * (24 - done)}] "
                f"{event.batch}/{event.batches} loss {event.loss:.4f} acc {event.accuracy:.4f} "
                f"{event.samples_per_second:,.0f} img/s ETA {_duration(event.eta_seconds)}  ")
            self.stream.flush()
        elif isinstance(event, t.EpochEnded):
            val = ("" if event.val_loss is None else
                   f" val_loss {event.val_loss:.4f} val_acc {event.val_accuracy:.4f}")
            self._print(f"epoch {event.epoch}/{event.epochs} loss {event.loss:.4f} "
                        f"acc {event.accuracy:.4f}{val} ({event.seconds:.1f} s, lr {event.learning_rate:.2e})")

    def _print(self, line: str) -> None:
        if self.live:
            self.stream.write("\r\x1b[K")
        print(line, file=self.stream, flush=True)


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 60}m{seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"


def pen_setting(paths: list[str] | None) -> str | None:
    """--pen-data's files as the one text a run's settings and the Train tab's pen row hold."""
    from training.data.pen import PATH_SEPARATOR

    return f"{PATH_SEPARATOR} ".join(paths) if paths else None


def cmd_train(args, argv) -> int:
    from training.learning.trainer import TrainConfig, train
    from training.paths import check_writable_file

    config = TrainConfig.for_preset(
        args.model, dataset=args.dataset, data_path=args.data, pen_data_path=pen_setting(args.pen_data),
        optimizer=args.optimizer,
        learning_rate=args.lr, lr_decay=args.lr_decay, epochs=args.epochs,
        batch_size=args.batch_size, validation_split=args.validation_split,
        augment=args.augment, clean_epochs=args.clean_epochs, seed=args.seed, device=args.device,
        mixed_precision=args.mixed_precision, train_limit=args.limit)
    config.validate()
    out = output_path(args.out, f"{config.preset}-{config.dataset}")
    check_writable_file(out)  # before training: a run can take hours
    # The saving code is loaded now, with the rest: hours later, a missing or
    # changed module (an upgrade in between) must not stand between the run and its file.
    import training.models.modelfile  # noqa: F401
    import training.reading.lite  # noqa: F401

    result = train(config, ProgressBar())
    evaluation = result.evaluation
    epochs = f"{result.epochs_completed} epoch{'' if result.epochs_completed == 1 else 's'}"
    print(f"test accuracy: {percent_text(evaluation.accuracy, 2)} on {evaluation.count} images "
          f"({epochs}, {result.seconds:.0f} s on {result.device})")
    warning = divergence_warning(result)
    if warning:
        print(f"{PROG}: warning: {warning}", file=sys.stderr)
    saved = save_with_fallback(result.model, out, result.sidecar(command=shlex.join([PROG, *argv])))
    print(f"saved {saved_files(saved)}")
    return 0 if saved == out else 1


def cmd_train_trajectory(args, argv) -> int:
    from training.data.pen import load_pen
    from training.errors import ModelFileError
    from training.learning.trajectory_training import train_trajectory
    from training.messages import Message
    from training.models.modelfile import check_model_file, pair_trajectory, paired_path, sidecar_path
    from training.paths import check_writable_file

    if not 0 <= args.weight <= 1:
        raise ConfigError("The weight must be between 0 and 1, not {weight}.", weight=args.weight)
    # Before training, like train --out: a wrong path must not cost a whole run and end in a traceback.
    info = check_model_file(args.model)
    if info.get("stale_sidecar"):
        raise ModelFileError("{sidecar_path} describes another file; save the model again instead.",
                             sidecar_path=sidecar_path(args.model))
    check_writable_file(paired_path(args.model), Message("The trajectory network's file"))
    if info.get("class_names") and len(info["class_names"]) != 11:
        raise ConfigError("{path} cannot say \"not a digit\"; pair the trajectory network with an 11-class model.",
                          path=args.model)
    run = train_trajectory(load_pen(args.pen_data), epochs=args.epochs, seed=args.seed, every=args.every)
    entry = pair_trajectory(args.model, run.model, weight=args.weight, command=shlex.join([PROG, *argv]),
                            seconds=run.seconds, epochs=args.epochs, seed=args.seed)
    print(f"trajectory network: {percent_text(run.train_accuracy, 2)} on its training trajectories, {run.seconds:.0f} s; "
          f"saved {entry['file']} beside {Path(args.model).name}")
    return 0


def divergence_warning(result) -> str | None:
    """A sentence when the run diverged (its loss ended far above where any learning model sits)."""
    final_loss = result.history[-1].loss if result.history else None
    if final_loss is None or final_loss <= 10:
        return None
    return (f"the training loss ended at {final_loss:.3g}: the run diverged, and this model is "
            f"unlikely to be useful; try a lower learning rate.")


def output_path(given: str | None, default_stem: str) -> Path:
    """The model file to write: ``.keras`` added when missing; a bare ".keras" is no name."""
    out = Path(given or f"{default_stem}.keras")
    if out.name in (".keras", "") or out.name.startswith(".keras."):
        raise ConfigError("{given} has no file name; give one, such as my-model.keras.", given=f"{given!r}")
    if out.suffix != ".keras":
        out = out.with_name(out.name + ".keras")
    return out


def save_with_fallback(model, out: Path, info: dict) -> Path:
    """Save to ``out``; if that fails now (after the check before training), save in the user's data folder."""
    import time

    from training.models.modelfile import save_model
    from training.paths import user_data_dir

    try:
        save_model(model, out, info)
        return out
    except Exception as exc:  # whatever went wrong, hours of training are not thrown away
        reason = str(exc) if isinstance(exc, DigitRecognizerError) else f"{type(exc).__name__}: {exc}"
        fallback = user_data_dir() / "models" / f"{out.stem}-unsaved-{time.strftime('%Y%m%d-%H%M%S')}.keras"
        try:
            save_model(model, fallback, info)
        except Exception:
            fallback.parent.mkdir(parents=True, exist_ok=True)
            model.save(fallback)  # Keras alone, no sidecar: the weights at least
        print(f"{PROG}: error: {reason} The trained model was saved to {fallback} instead.", file=sys.stderr)
        return fallback


def cmd_evaluate(args, argv) -> int:
    from training.data.datasets import load_dataset
    from training.learning.evaluate import evaluate
    from training.models.opening import open_predictor

    predictor = open_predictor(given_model(args.model))
    dataset = load_dataset(args.dataset, args.data, pen_path=pen_setting(args.pen_data))
    if predictor.classes < len(dataset.class_names):
        raise DigitRecognizerError(
            '{model} answers {classes} classes, but {name} has {count} (with "not a digit"); evaluate it on mnist.', model=args.model, classes=predictor.classes, name=dataset.name, count=len(dataset.class_names))
    x, y = dataset.x_test, dataset.y_test
    if args.limit:
        x, y = x[:args.limit], y[:args.limit]
    result = evaluate(predictor, x, y)
    print(f"accuracy: {percent_text(result.accuracy, 2)} on {result.count} test images of {dataset.name}")
    print("per class: " + "  ".join(
        f"{name}: {percent_text(acc)}" for name, acc in zip(dataset.class_names, result.per_class_accuracy)))
    print("confusion matrix (rows: true, columns: predicted):")
    print(result.confusion_table(dataset.class_names))
    return 0


def given_model(text: str) -> Path:
    """The model path as given; an empty one is refused here (``Path("")`` is ".", "a folder")."""
    from training.errors import ModelFileError

    if not text.strip():
        raise ModelFileError("No model file was given (the path is empty).")
    return Path(text)


def saved_files(model: Path) -> str:
    """"a.keras, a.json and a.tflite": every file a save wrote beside the model."""
    from training.models.modelfile import twin_path

    names = [str(model), model.with_suffix(".json").name]
    if twin_path(model).is_file():
        names.append(twin_path(model).name)
    return ", ".join(names[:-1]) + " and " + names[-1]


def answer_json(answer, classes: int) -> dict:
    """``confidence`` is the probability of ``digit`` (null when refused); ``not_a_digit`` that it is no digit.

    A refused letter thus never carries a high "confidence" that reads as a
    digit's. ``not_a_digit`` is null for a model without that class.
    """
    if answer.not_a_digit:
        refused = answer.confidence
    else:
        refused = max(0.0, 1.0 - float(sum(answer.probabilities))) if classes > 10 else None
    return {"digit": answer.digit,
            "confidence": None if answer.not_a_digit else round(answer.confidence, 6),
            "not_a_digit": None if refused is None else round(float(refused), 6),
            "nearest": answer.nearest}


def reading_json(name: str, reading, classes: int = 11, personal: bool = False) -> dict:
    """One image's reading in the ``predict --json`` form (see the README); ``classes``: the model's."""
    digits = [{**answer_json(d.answer, classes), "sure": bool(d.answer.sure and not d.answer.not_a_digit),
               "box": [int(v) for v in d.box]} for d in reading.digits]
    one = reading.digits[0].answer if len(reading.digits) == 1 else None
    reason = "blank" if reading.blank else next((d.answer.reason for d in reading.digits if d.answer.reason), None)
    alone = answer_json(one, classes) if one else dict.fromkeys(("digit", "confidence", "not_a_digit", "nearest"))
    return {"file": name, "number": reading.number, "digits": digits, **alone,
            "probabilities": [round(float(p), 6) for p in one.probabilities] if one else None,
            "reason": reason, "personal": personal}


def reading_text(reading) -> str:
    if reading.blank:
        return "no digit"
    if len(reading.digits) == 1:
        return reading.digits[0].answer.describe()
    parts = ", ".join(d.answer.describe() for d in reading.digits)
    head = reading.number if reading.number is not None else f"{reading.text} (not all digits)"
    return f"{head}: {parts}"


def cmd_predict(args, argv) -> int:
    from training.models.library import shipped_model_path
    from training.models.opening import open_predictor
    from training.reading.preprocess import load_image
    from training.reading.recognize import check_reads_digits, read_image

    try:
        model_path = given_model(args.model) if args.model is not None else shipped_model_path()
        if args.model is None and not model_path.is_file():
            raise DigitRecognizerError("No model given and no shipped model found; pass --model FILE.")
        predictor = open_predictor(model_path)
        check_reads_digits(model_path, predictor.info)
    except DigitRecognizerError as exc:
        if not args.json:
            raise
        # One object per input even so: a script reading N lines must not wait for lines that never come.
        for name in args.images:
            print(json.dumps({"file": name, "error": str(exc)}, allow_nan=False), flush=True)
        print(f"{PROG}: error: {printable(str(exc))}", file=sys.stderr)
        return 2
    personal = False
    if args.personal:  # the app's own samples (XDG_DATA_HOME on Linux), read, never written
        from training.data.samples import SampleStore
        from training.reading.personal import PersonalPredictor, personal_predictor
        from training.samples_cli import samples_folder

        predictor = personal_predictor(predictor, SampleStore(samples_folder()))
        personal = isinstance(predictor, PersonalPredictor) and predictor.sample_count > 0
    failures = 0
    for name in args.images:
        try:
            reading = read_image(predictor, load_image(name))
        except Exception as exc:  # one file's failure is that file's line; the batch goes on
            failures += 1
            message = str(exc) if isinstance(exc, DigitRecognizerError) else (
                f"{name} could not be read ({type(exc).__name__}).")
            if args.json:
                print(json.dumps({"file": name, "error": message}, allow_nan=False), flush=True)
            else:
                print(f"{printable(name)}: error: {printable(message)}", file=sys.stderr, flush=True)
            continue
        if args.json:
            print(json.dumps(reading_json(name, reading, predictor.classes, personal), allow_nan=False), flush=True)
        else:
            print(f"{printable(name)}: {reading_text(reading)}", flush=True)
    return 1 if failures else 0


def printable(text: str) -> str:
    """A file name on one line: a newline in a name must not forge an output line."""
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)
