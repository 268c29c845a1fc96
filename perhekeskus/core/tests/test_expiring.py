from perhekeskus.core import expiring as module
from perhekeskus.core.expiring import expiring


def test_an_answer_is_kept_for_its_time_per_arguments_and_an_empty_one_not(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(module.time, "monotonic", lambda: now[0])
    reads = []
    answers = {"a": {"x": 1}, "empty": {}}

    @expiring(60)
    def read(name):
        reads.append(name)
        return dict(answers[name])

    assert read("a") == {"x": 1} and read("a") == {"x": 1}
    assert reads == ["a"]
    read("empty"), read("empty")
    assert reads == ["a", "empty", "empty"]  # the tables not loaded yet: asked again
    answers["a"] = {"x": 2}
    now[0] += 59
    assert read("a") == {"x": 1}
    now[0] += 2
    assert read("a") == {"x": 2}
    answers["a"] = {"x": 3}
    read.forget()
    assert read("a") == {"x": 3}
