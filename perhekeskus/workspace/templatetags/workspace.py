from django import template

from perhekeskus.core.auth import second_factor_done

register = template.Library()


@register.filter
def fully_signed_in(user) -> bool:
    """Both factors given: only then does the workspace show its menu."""
    return second_factor_done(user)
