"""Choices a family makes without an account, kept in cookies in their own browser."""

# The family's own municipality (a municipality code): chosen on /my-municipality/ or by a search in
# one municipality (perhekeskus.web.home_municipality), read wherever a page can put it first.
HOME_MUNICIPALITY_COOKIE = "home_municipality"


def home_municipality_code(request) -> str:
    """The code the cookie holds, unchecked ("" without one): the reader checks it is a municipality."""
    return request.COOKIES.get(HOME_MUNICIPALITY_COOKIE, "")[:10]
