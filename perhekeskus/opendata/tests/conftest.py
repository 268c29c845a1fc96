# The indexed sample network of the search tests.
from perhekeskus.search.tests.conftest import network  # noqa: F401
