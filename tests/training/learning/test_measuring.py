"""The seconds after training or a stop are reported as Measuring events (issue 33, item 2), real Keras."""

import pytest

from training.learning.trainer import Abandoned, Finished, Measuring, TrainConfig, train


def test_a_stopped_run_reports_its_validation_then_its_test_set(mnist):
    events = []
    config = TrainConfig.for_preset("softmax", epochs=3, train_limit=6000, test_limit=5000, batch_size=32)
    result = train(config, events.append, should_stop=lambda: len(events) >= 3, dataset=mnist)
    assert result.stopped and isinstance(events[-1], Finished)
    measuring = [e for e in events if isinstance(e, Measuring)]
    assert all(e.stopped for e in measuring)
    kinds = [e.what for e in measuring]
    assert kinds[0] == "validation" and kinds.index("test") > kinds.index("validation")
    assert [e.what for e in measuring[kinds.index("test"):]] == ["test"] * 4  # 0, 2,000, 4,000, 5,000
    assert [e.done for e in measuring if e.what == "test"] == [0, 2000, 4000, 5000]
    assert measuring[kinds.index("test") - 1].done == measuring[0].total  # the validation ran to its end
    assert result.evaluation.count == 5000


def test_a_finished_run_is_measured_on_the_test_set_only(mnist):
    events = []
    config = TrainConfig.for_preset("softmax", epochs=1, train_limit=2000, test_limit=3000, batch_size=64)
    train(config, events.append, dataset=mnist)
    measuring = [e for e in events if isinstance(e, Measuring)]
    assert [(e.what, e.done, e.total, e.stopped) for e in measuring] == [("test", 0, 3000, False),
                                                                       ("test", 2000, 3000, False),
                                                                       ("test", 3000, 3000, False)]


def test_closing_during_the_measuring_abandons_it(mnist):
    events = []
    closing = []

    def record(event):
        events.append(event)
        if isinstance(event, Measuring) and event.what == "test" and event.done == 2000:
            closing.append(True)  # the window closes while the test set is measured

    config = TrainConfig.for_preset("softmax", epochs=1, train_limit=2000, test_limit=6000, batch_size=64)
    with pytest.raises(Abandoned):
        train(config, record, skip_evaluation=lambda: bool(closing), dataset=mnist)
    assert not any(isinstance(e, Finished) for e in events)
    assert [e.done for e in events if isinstance(e, Measuring)] == [0, 2000]
