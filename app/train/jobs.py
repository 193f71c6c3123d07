"""What the Train tab can run in its worker: a training run, a study, a fine-tune, and what each also measures.

Each function returns the job a :class:`app.train.worker.TrainingRun` calls
in its thread, ``job(on_event, should_stop, skip_evaluation)``; nothing here
touches a widget, so the tab only chooses and wires. TensorFlow is imported
inside the jobs, in the worker, never on the GUI thread.
"""

from __future__ import annotations

from dataclasses import replace

from app.train.form import MNIST_WITH_SAMPLES
from training.learning.finetune import fine_tune, with_samples

SAMPLES_SHARE = 0.02  # of the training set: enough to learn a hand, too little to skew MNIST
DIGIT_DATASETS = ("mnist", "mnist+pen", MNIST_WITH_SAMPLES)


def shared_measure(dataset: str, samples, pen_path: str | None):
    """What every digit run is also measured on (your samples, held-out pen digits), or None for clothing."""
    if dataset not in DIGIT_DATASETS:
        return None

    def measure(model):
        from training.learning.runs import shared_measures

        return shared_measures(model, samples, pen_path)

    return measure


def training_job(config, mix_samples: bool, samples=None, dataset=None, measure=None):
    """(the config as the run record keeps it, the job): the form's run; with the saved ``samples`` mixed into
    MNIST when ``mix_samples`` ("MNIST + my samples"). ``dataset``: an already loaded one (tests)."""
    if not mix_samples:
        def train_job(on_event, should_stop, skip_evaluation):
            from training.learning.trainer import train

            return train(config, on_event, should_stop, dataset, skip_evaluation=skip_evaluation, measure=measure)

        return config, train_job
    recorded = replace(config, dataset=MNIST_WITH_SAMPLES)
    data = config.data_path

    def train_with_samples(on_event, should_stop, skip_evaluation):
        from training.data.datasets import load_dataset
        from training.learning.trainer import train

        mixed = with_samples(dataset or load_dataset("mnist", data), *samples.arrays(), SAMPLES_SHARE)
        return train(recorded, on_event, should_stop, mixed, skip_evaluation=skip_evaluation, measure=measure)

    return recorded, train_with_samples


def study_job(configs, dataset=None, measure=None):
    """The runs of a study, one after another in one worker."""
    def job(on_event, should_stop, skip_evaluation):
        from training.learning.trainer import run_study

        return run_study(configs, on_event, should_stop, dataset, skip_evaluation, measure)

    return job


def fine_tune_job(base: str, samples, data: str | None, config):
    """Fine-tune the model file ``base`` on the saved samples mixed with MNIST (from ``data``, else Keras')."""
    def job(on_event, should_stop, skip_evaluation):
        from training.data.datasets import load_dataset

        x, y = samples.arrays()
        mnist = load_dataset("mnist", data)
        return fine_tune(base, x, y, mnist, config, on_event=on_event, should_stop=should_stop,
                         skip_evaluation=skip_evaluation)

    return job
