"""Personal reading: the user's own samples adapt the reading at once, with no training run.

Method, chosen by measurement (tests/benchmarks/bench_personal.py; 65 writers
never trained on, 35 UNIPEN held-out and the 30 pendigits writers): the
picture network's penultimate features (a second output of the LiteRT twin)
of each sample, compared by cosine with those of the drawing being read. The
digit whose nearest sample is clearly nearest gets a bonus on its
log-probability; the network's reading is otherwise untouched.

- bonus = GAIN * ramp(sim - THRESHOLD) * ramp(sim - runner-up label's sim):
  a drawing like none of the samples (in this feature space the same writer's
  same digit sits at cosine 0.9-0.99, other digits at 0.1-0.6) reads as
  before, and a digit with no sample is never pushed (a drawing the network
  hesitates on may still move to a digit the user has samples of);
- only the label nearest by a clear margin gains: two labels' samples equally
  near cancel, which is what keeps a careless sample from taking over a
  digit's look-alikes;
- a sample the network finds nearly impossible for its label (log-probability
  below TRUST_LOW, where deliberately mislabelled samples sit while genuine
  corrections of a strange style mostly stay above -8) counts less, and not
  at all below it;
- the bonus is bounded (GAIN nats), so a confident reading of a plain digit
  is never overturned by one sample.

Tried and measured worse or no better: class prototypes (mean feature per
digit) with the same bonus, a plain nearest-neighbour bonus without the
runner-up margin (more writers made worse with mislabelled samples).

Only the newest MAX_PER_DIGIT samples of each digit take part: personal
reading is for a few samples; many are what fine-tuning is for.

Qt-free and TensorFlow-free: the features come from the predictor
(``predict_with_features``); this module only does numpy.
"""

from __future__ import annotations

import logging

import numpy as np

log = logging.getLogger("digit_recognizer.personal")

DIGITS = 10
GAIN = 8.0  # nats: the most a sample can add to its digit's log-probability
THRESHOLD = 0.6  # cosine below which a sample says nothing about a drawing
MARGIN = 0.2  # cosine by which the nearest label must beat the runner-up for the full bonus
TRUST_LOW, TRUST_HIGH = -12.0, -6.0  # the sample's own log-probability for its label: no trust .. full trust
# Cosine at which a drawing is the sample itself: the user said what this very drawing is, so an
# untrusted sample still counts there, and with SAME_GAIN (one key press reads that drawing right).
# At 0.995 a pendigits writer's other drawings of a digit (a form filled in one sitting) often
# passed it: a mislabelled sample then overruled them (12% of writers made worse, not 4%).
SAME_DRAWING = 0.999
SAME_GAIN = 20.0
MAX_PER_DIGIT = 50
_FLOOR = 1e-9


def _unit(features: np.ndarray) -> np.ndarray:
    features = np.asarray(features, np.float32)
    return features / np.maximum(np.linalg.norm(features, axis=-1, keepdims=True), 1e-9)


class SampleBank:
    """The samples' unit features, labels and trust, for one model."""

    def __init__(self, features: np.ndarray, labels: np.ndarray, trust: np.ndarray):
        self.features = _unit(features) if len(features) else np.zeros((0, 1), np.float32)
        self.labels = np.asarray(labels, int)
        self.trust = np.asarray(trust, np.float32)
        self.count = int(len(labels))

    @classmethod
    def empty(cls) -> "SampleBank":
        return cls(np.zeros((0, 1), np.float32), np.zeros(0, int), np.zeros(0, np.float32))

    @classmethod
    def from_readings(cls, probabilities: np.ndarray, features: np.ndarray, labels) -> "SampleBank":
        """The bank of samples read by the model: their probabilities (for trust) and features."""
        labels = np.asarray(labels, int)
        if not len(labels):
            return cls.empty()
        own = np.log(np.maximum(np.asarray(probabilities)[np.arange(len(labels)), labels], _FLOOR))
        trust = np.clip((own - TRUST_LOW) / (TRUST_HIGH - TRUST_LOW), 0.0, 1.0)
        return cls(features, labels, trust)

    def bonus(self, features: np.ndarray) -> np.ndarray:
        """(N, 10) log-probability bonus for drawings with these (N, F) features."""
        out = np.zeros((len(features), DIGITS), np.float32)
        if not len(self.labels):
            return out
        sims = _unit(features) @ self.features.T  # (N, S)
        # An untrusted sample looks farther than it is, except from the very drawing it was made of:
        # a correction the network finds impossible still corrects that drawing, and only that.
        far = (1.0 - self.trust)[None] * (1.0 - THRESHOLD)
        sims = sims - (far if SAME_DRAWING is None else np.where(sims >= SAME_DRAWING, 0.0, far))
        nearest = np.full((len(features), DIGITS), -1.0, np.float32)
        for digit in np.unique(self.labels):
            nearest[:, digit] = sims[:, self.labels == digit].max(axis=1)
        top2 = np.sort(nearest, axis=1)[:, -2:]
        runner_up = np.where(nearest >= top2[:, 1:], top2[:, :1], top2[:, 1:])
        gain = np.where(nearest >= SAME_DRAWING, SAME_GAIN, GAIN)
        out[:] = (gain * np.clip((nearest - THRESHOLD) / (1.0 - THRESHOLD), 0.0, 1.0)
                  * np.clip((nearest - runner_up) / MARGIN, 0.0, 1.0))
        return out

    def adjust(self, probabilities: np.ndarray, features: np.ndarray) -> np.ndarray:
        """The probabilities (10, or 11 with "not a digit") read with the samples; rows without a bonus unchanged."""
        probabilities = np.asarray(probabilities, np.float32)
        bonus = self.bonus(features)
        rows = bonus.max(axis=1) > 0
        if not rows.any():
            return probabilities
        logs = np.log(np.maximum(probabilities[rows], _FLOOR))
        logs[:, :DIGITS] += bonus[rows]
        e = np.exp(logs - logs.max(axis=1, keepdims=True))
        out = probabilities.copy()
        out[rows] = e / e.sum(axis=1, keepdims=True)
        return out


def newest_per_digit(samples, limit: int = MAX_PER_DIGIT) -> list:
    """The newest ``limit`` samples of each digit (the store lists oldest first)."""
    kept, per_digit = [], [0] * DIGITS
    for sample in reversed(samples):
        if per_digit[sample.digit] < limit:
            per_digit[sample.digit] += 1
            kept.append(sample)
    return kept[::-1]


def has_features(predictor) -> bool:
    return getattr(predictor, "feature_size", None) is not None and hasattr(predictor, "predict_with_features")


class PersonalPredictor:
    """A predictor that reads with the user's samples: the same interface, the same model.

    The store is looked at on every reading (one stat of its journal); a
    sample saved, relabelled or deleted counts from the next reading. Only a
    new sample's features are computed (one model call); a damaged store or
    sample reads as without it, with one log line.
    """

    def __init__(self, base, store):
        self.base = base
        self.store = store
        self._features: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # sample id -> (probabilities, features)
        self._seen = None
        self._warned = False
        self.bank = SampleBank.empty()

    # The base predictor's face: recognition and the views read these.
    def __getattr__(self, name):
        return getattr(self.base, name)

    @property
    def sample_count(self) -> int:
        """How many samples the reading takes into account now."""
        self.refresh()
        return self.bank.count

    def refresh(self) -> None:
        """Take the store's changes into account (cheap when there are none)."""
        try:
            state = self.store.state()
            if state == self._seen:
                return
            samples = newest_per_digit(self.store.samples())
            missing = [s for s in samples if s.id not in self._features]
            images, ids = [], []
            for sample in missing:
                try:
                    images.append(sample.image())
                    ids.append(sample.id)
                except Exception as exc:  # a damaged sample file: left out, said once
                    self._warn(f"sample {sample.id} left out of personal reading ({exc})")
            if images:
                probabilities, features = self.base.predict_with_features(np.stack(images))
                for sid, p, f in zip(ids, probabilities, features):
                    self._features[sid] = (p, f)
            used = [s for s in samples if s.id in self._features]
            if used:
                self.bank = SampleBank.from_readings(np.stack([self._features[s.id][0] for s in used]),
                                                     np.stack([self._features[s.id][1] for s in used]),
                                                     [s.digit for s in used])
            else:
                self.bank = SampleBank.empty()
            self._seen = state
        except Exception as exc:  # a damaged store never stops reading
            self._warn(f"personal reading off: the samples could not be read ({exc})")
            self.bank = SampleBank.empty()
            self._seen = None

    def _warn(self, text: str) -> None:
        if not self._warned:
            log.warning(text)
            self._warned = True

    def predict_batch(self, images: np.ndarray, batch_size: int | None = None) -> np.ndarray:
        self.refresh()
        probabilities, features = self.base.predict_with_features(images)
        return self.bank.adjust(probabilities, features)

    def predict(self, image: np.ndarray) -> np.ndarray:
        return self.predict_batch(np.asarray(image, np.float32).reshape(1, 28, 28))[0]

    def predict_with_features(self, images: np.ndarray):
        self.refresh()
        probabilities, features = self.base.predict_with_features(images)
        return self.bank.adjust(probabilities, features), features


def personal_predictor(predictor, store):
    """``predictor`` reading with ``store``'s samples, or ``predictor`` itself when its model has no features."""
    if store is None or predictor is None or not has_features(predictor):
        return predictor
    if isinstance(predictor, PersonalPredictor):
        predictor = predictor.base
    return PersonalPredictor(predictor, store)
