from django.test import TestCase

from perhekeskus.demo.catalog import load_demo
from perhekeskus.search import indexing, relevance


class RelevanceTests(TestCase):
    """The relevance test set against the demo network: success@3 must stay at 0.9 or above."""

    @classmethod
    def setUpTestData(cls):
        load_demo()
        indexing.rebuild()

    def test_success_at_3_is_at_least_0_9(self):
        score, failed = relevance.success_at_3(relevance.engine)
        assert score >= 0.9, [case.query for case in failed]

    def test_the_set_is_large_and_in_three_languages(self):
        cases = relevance.cases()
        assert len(cases) >= 80
        assert {case.language for case in cases} == {"fi", "sv", "en"}
        assert sum(case.municipality is not None for case in cases) >= 10
