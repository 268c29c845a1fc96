# The indexed sample network of the search tests serves the search page's tests too.
from perhekeskus.search.tests.conftest import network  # noqa: F401
