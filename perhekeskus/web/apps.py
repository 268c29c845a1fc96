from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "perhekeskus.web"
    label = "web"
    verbose_name = "Web"

    def ready(self) -> None:
        from perhekeskus.core import public_cache

        # Public pages are kept (web.page_cache): the front and municipality pages also show news,
        # about pages and action plans, and every page's footer offers asking a question only while some
        # network takes them. (The catalogue and the network: opendata watches them.) Not the
        # families' feedback or questions, nor comments on measures, which no public page shows.
        public_cache.watch(
            "information.Page",
            "information.PageVersion",
            "planning.Plan",
            "planning.Goal",
            "planning.Measure",
            "planning.Indicator",
            "planning.IndicatorValue",
            # Whether families may ask, and the library of answers (never the questions themselves).
            "questions.QuestionDesk",
            "questions.Answerer",
            "questions.PublishedAnswer",
        )
