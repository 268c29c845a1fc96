from django.utils.cache import patch_vary_headers


def vary_on_cookie(get_response):
    """Pages show the visitor's own list (its count, "on my list" buttons), read from a cookie: a
    cache between the site and the visitor must not hand one visitor's page to another."""

    def middleware(request):
        response = get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            patch_vary_headers(response, ["Cookie"])
        return response

    return middleware
