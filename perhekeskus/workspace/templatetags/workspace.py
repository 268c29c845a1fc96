from django import template
from django.urls import reverse

from perhekeskus.core.auth import second_factor_done
from perhekeskus.network.models import Municipality, Network
from perhekeskus.questions import selectors as questions_selectors
from perhekeskus.referrals.selectors import unread_count
from perhekeskus.workspace import changes
from perhekeskus.workspace.listing_forms import CHECKLIST_SECTIONS

register = template.Library()


@register.filter
def fully_signed_in(user) -> bool:
    """Both factors given: only then does the workspace show its menu."""
    return second_factor_done(user)


@register.filter
def change_rows(record) -> list[dict]:
    """A change record's differences with field labels and readable values."""
    model = record.content_type.model_class()
    return changes.rows(model, record.changes) if model is not None else []


@register.filter
def coordinates_a_network(user) -> bool:
    return Network.objects.coordinated_by(user).exists()


@register.filter
def works_in_a_network(user) -> bool:
    """Signed in to a network (a member of one of its organisations, or a coordinator): reads its plans."""
    return Network.objects.joined_by(user).exists()


@register.filter
def answers_questions(user) -> bool:
    """An appointed answerer of families' questions in one of their networks."""
    return questions_selectors.answerer_networks(user).exists()


@register.filter
def waiting_questions(user) -> int:
    """Questions waiting for an answerer in the networks where `user` answers."""
    return questions_selectors.waiting_count(user)


@register.filter
def directs_a_municipality(user) -> bool:
    """A municipal director or committee secretary: reads their municipality's report and plans."""
    return Municipality.objects.directed_by(user).exists()


@register.filter
def unread_referrals(user) -> int:
    """For the staff header: how many received referrals wait to be opened."""
    return unread_count(user)


@register.filter
def section_of(item, service) -> str:
    """The address of the part of `service`'s page where a checklist item is put right."""
    key = CHECKLIST_SECTIONS[item.key]
    if key == "basics":
        return reverse("workspace:service_edit", args=[service.pk])
    return reverse("workspace:service_section", args=[service.pk, key])
