"""Choices a family makes without an account, kept in cookies in their own browser."""

# The family's own municipality (a municipality code): chosen on /my-municipality/ or by a search in
# one municipality (perhekeskus.web.home_municipality), read wherever a page can put it first.
HOME_MUNICIPALITY_COOKIE = "home_municipality"


def home_municipality_code(request) -> str:
    """The code the cookie holds, unchecked ("" without one): the reader checks it is a municipality."""
    return request.COOKIES.get(HOME_MUNICIPALITY_COOKIE, "")[:10]


# Plain Finnish (selkosuomi) wanted on Finnish pages: "1" (perhekeskus.web.views.plain_finnish).
PLAIN_FINNISH_COOKIE = "plain_finnish"
PLAIN_FINNISH_MAX_AGE = 365 * 24 * 60 * 60


def plain_finnish_wanted(request) -> bool:
    return request.COOKIES.get(PLAIN_FINNISH_COOKIE) == "1"


# The family's postal code ("which clinic is mine?", perhekeskus.web.own_services): five digits.
HOME_POSTAL_CODE_COOKIE = "home_postal_code"


def home_postal_code(request) -> str:
    """The code the cookie holds, unchecked ("" without one)."""
    return request.COOKIES.get(HOME_POSTAL_CODE_COOKIE, "")[:5]


def keep(response, request, name: str, value: str, max_age: int) -> None:
    """Keep a family's choice in a cookie of its own browser: readable by no script, sent only with
    this site's own pages, over HTTPS where the site is."""
    response.set_cookie(
        name, value, max_age=max_age, httponly=True, samesite="Lax", secure=request.is_secure()
    )


def drop(response, name: str) -> None:
    response.delete_cookie(name, samesite="Lax")
