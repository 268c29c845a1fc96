"""Action plans in the workspace (staff_view: both factors). Coordinators of the plan's network edit;
everyone signed in to the network reads; members of a measure's responsible organisations comment.
A plan of another network is not found (404); reading but not editing gets 403 on writes."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from perhekeskus.core.forms import add_errors
from perhekeskus.core.models import ChangeRecord
from perhekeskus.core.staff import staff_view
from perhekeskus.network.models import Network
from perhekeskus.planning import indicators, selectors, services
from perhekeskus.planning.forms import (
    CommentForm,
    GoalForm,
    IndicatorForm,
    IndicatorValueForm,
    MeasureForm,
    PlanForm,
)
from perhekeskus.planning.models import Goal, Indicator, Measure, Plan

# The way from each model to its plan.
PLAN_PATH = {Plan: "pk", Goal: "plan", Measure: "goal__plan", Indicator: "goal__plan"}


def _readable(request, model, pk):
    """The object if its plan is readable by the user, else 404."""
    plans = Plan.objects.readable_by(request.user).values("pk")
    return get_object_or_404(model.objects.filter(**{f"{PLAN_PATH[model]}__in": plans}), pk=pk)


def _editable(request, model, pk):
    """The object if the user may read its plan, and 403 unless they coordinate its network."""
    instance = _readable(request, model, pk)
    if not _edits(request.user, selectors.plan_of(instance)):
        raise PermissionDenied
    return instance


def _edits(user, plan: Plan) -> bool:
    return Plan.objects.editable_by(user).filter(pk=plan.pk).exists()


@staff_view
@require_safe
def plan_list(request):
    readable = Plan.objects.readable_by(request.user)
    if not (Network.objects.joined_by(request.user).exists() or readable.exists()):
        raise PermissionDenied
    return render(
        request,
        "planning/plan_list.html",
        {
            "plans": readable.select_related("network", "municipality"),
            "coordinated": Network.objects.coordinated_by(request.user),
        },
    )


def _save_form(request, form, instance, values: dict, relations=None):
    """Save through the plan's write path; a refusal goes on the form. The saved instance or None."""
    try:
        return services.plan_part_save(
            actor=request.user, instance=instance, values=values, relations=relations
        )
    except ValidationError as error:
        add_errors(form, error)
        return None


@staff_view
@require_http_methods(["GET", "POST"])
def plan_create(request, slug):
    network = get_object_or_404(Network.objects.coordinated_by(request.user), slug=slug)
    form = PlanForm(request.POST or None, network=network)
    if request.method == "POST" and form.is_valid():
        plan = _save_form(request, form, Plan(network=network), form.cleaned_data)
        if plan is not None:
            return redirect("planning:plan", plan.pk)
    return render(
        request, "planning/form.html", {"form": form, "heading": _("New action plan"), "network": network}
    )


@staff_view
@require_http_methods(["GET", "POST"])
def plan_edit(request, pk):
    plan = _editable(request, Plan, pk)
    form = PlanForm(request.POST or None, instance=Plan.objects.get(pk=plan.pk), network=plan.network)
    return _form_page(request, form, plan, plan, _("Edit the action plan"))


def _form_page(request, form, instance, plan: Plan, heading: str, relation: str | None = None):
    """A form that saves one part of a plan through the tracked write path, then back to the plan.
    `relation`: the form's many-to-many field."""
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        relations = {relation: values.pop(relation)} if relation else None
        if _save_form(request, form, instance, values, relations) is not None:
            return redirect("planning:plan", plan.pk)
    return render(request, "planning/form.html", {"form": form, "heading": heading, "plan": plan})


@staff_view
@require_safe
def plan_detail(request, pk):
    plan = _readable(request, Plan, pk)
    goals = plan.goals.prefetch_related(
        Prefetch(
            "measures",
            queryset=Measure.objects.prefetch_related(
                "responsible", "comments__author", "comments__organization"
            ),
        ),
        Prefetch("indicators", queryset=Indicator.objects.prefetch_related("values")),
    )
    edits = _edits(request.user, plan)
    goal_views = []
    for goal in goals:
        goal.measure_views = [
            {
                "measure": measure,
                "may_comment": edits or selectors.commenting_organizations(request.user, measure).exists(),
            }
            for measure in goal.measures.all()
        ]
        goal.indicator_views = [indicators.figures(indicator) for indicator in goal.indicators.all()]
        goal_views.append(goal)
    return render(
        request,
        "planning/plan.html",
        {
            "plan": plan,
            "goals": goal_views,
            "edits": edits,
            "comment_form": CommentForm(),
            "value_form": IndicatorValueForm(),
            "history": _history(plan),
        },
    )


def _history(plan: Plan):
    return ChangeRecord.objects.filter(source=selectors.source_of(plan)).select_related(
        "actor", "content_type"
    )[:50]


@staff_view
@require_http_methods(["GET", "POST"])
def goal_create(request, pk):
    plan = _editable(request, Plan, pk)
    return _form_page(request, GoalForm(request.POST or None), Goal(plan=plan), plan, _("New goal"))


@staff_view
@require_http_methods(["GET", "POST"])
def goal_edit(request, pk):
    goal = _editable(request, Goal, pk)
    form = GoalForm(request.POST or None, instance=Goal.objects.get(pk=goal.pk))
    return _form_page(request, form, goal, goal.plan, _("Edit the goal"))


@staff_view
@require_http_methods(["GET", "POST"])
def measure_create(request, pk):
    goal = _editable(request, Goal, pk)
    form = MeasureForm(request.POST or None, network=goal.plan.network)
    return _form_page(request, form, Measure(goal=goal), goal.plan, _("New measure"), "responsible")


@staff_view
@require_http_methods(["GET", "POST"])
def measure_edit(request, pk):
    measure = _editable(request, Measure, pk)
    plan = measure.goal.plan
    form = MeasureForm(
        request.POST or None, instance=Measure.objects.get(pk=measure.pk), network=plan.network
    )
    return _form_page(request, form, measure, plan, _("Edit the measure"), "responsible")


@staff_view
@require_http_methods(["GET", "POST"])
def indicator_create(request, pk):
    goal = _editable(request, Goal, pk)
    form = IndicatorForm(request.POST or None)
    return _form_page(request, form, Indicator(goal=goal), goal.plan, _("New indicator"))


@staff_view
@require_http_methods(["GET", "POST"])
def indicator_edit(request, pk):
    indicator = _editable(request, Indicator, pk)
    form = IndicatorForm(request.POST or None, instance=Indicator.objects.get(pk=indicator.pk))
    return _form_page(request, form, indicator, indicator.goal.plan, _("Edit the indicator"))


@staff_view
@require_POST
def value_add(request, pk):
    indicator = _editable(request, Indicator, pk)
    if indicator.source != Indicator.Source.ENTERED:
        messages.error(request, _("This indicator's figures are computed by the service."))
        return redirect("planning:plan", indicator.goal.plan_id)
    form = IndicatorValueForm(request.POST)
    if form.is_valid():
        services.indicator_value_add(
            actor=request.user,
            indicator=indicator,
            on=form.cleaned_data["on"],
            value=form.cleaned_data["value"],
        )
        messages.success(request, _("Figure saved."))
    else:
        messages.error(
            request, " ".join(f"{form.fields[n].label}: {' '.join(e)}" for n, e in form.errors.items())
        )
    return redirect("planning:plan", indicator.goal.plan_id)


@staff_view
@require_POST
def comment_add(request, pk):
    measure = _readable(request, Measure, pk)
    plan = measure.goal.plan
    organizations = selectors.commenting_organizations(request.user, measure)
    if not (organizations.exists() or _edits(request.user, plan)):
        raise PermissionDenied
    form = CommentForm(request.POST)
    if form.is_valid():
        services.measure_comment_add(
            actor=request.user,
            measure=measure,
            organization=organizations.first(),
            text=form.cleaned_data["text"],
        )
        messages.success(request, _("Comment added."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("planning:plan", plan.pk)


REMOVABLE = {"goal": Goal, "measure": Measure, "indicator": Indicator}


@staff_view
@require_POST
def remove(request, kind, pk):
    instance = _editable(request, REMOVABLE[kind], pk)
    plan = selectors.plan_of(instance)
    services.plan_part_delete(actor=request.user, instance=instance)
    messages.success(request, _("Removed: %(name)s.") % {"name": instance})
    return redirect("planning:plan", plan.pk)
