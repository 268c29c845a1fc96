import time

from perhekeskus.core import expiring as expiring_module
from perhekeskus.core.expiring import expiring


def _counting(ttl: float, answers: dict):
    reads = []

    @expiring(ttl)
    def read(name):
        reads.append(name)
        return dict(answers[name])

    return read, reads


def test_an_answer_is_kept_per_arguments_and_an_empty_one_is_not():
    answers = {"a": {"x": 1}, "b": {"x": 2}, "empty": {}}
    read, reads = _counting(3600, answers)
    assert read("a") == {"x": 1} and read("b") == {"x": 2}
    answers["a"] = {"x": 9}
    assert read("a") == {"x": 1}  # kept
    read("empty"), read("empty")
    assert reads == ["a", "b", "empty", "empty"]  # the tables not loaded yet: asked again
    read.forget()
    assert read("a") == {"x": 9}


def test_an_answer_is_read_again_when_its_time_is_up():
    answers = {"a": {"x": 1}}
    read, reads = _counting(0.01, answers)
    read("a")
    answers["a"] = {"x": 2}
    time.sleep(0.05)
    assert read("a") == {"x": 2}
    assert reads == ["a", "a"]


def test_forget_all_drops_what_every_expiring_function_keeps():
    first, first_reads = _counting(3600, {"a": {"x": 1}})
    second, second_reads = _counting(3600, {"b": {"x": 2}})
    first("a"), second("b")
    expiring_module.forget_all()
    first("a"), second("b")
    assert first_reads == ["a", "a"] and second_reads == ["b", "b"]
