"""The staff workspace. Every view says who may use it: the public sign-in pages, and `staff_view`
pages for people signed in with both factors; objects come only through the user's scopes (outsiders
get 404, members without the right 403)."""

import base64
import hashlib
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from perhekeskus.core import ratelimit
from perhekeskus.core.auth import second_factor_done
from perhekeskus.core.forms import add_errors
from perhekeskus.core.staff import safe_next_url, staff_view, with_next
from perhekeskus.network import selectors, services
from perhekeskus.network.models import Membership, Municipality, Network, Organization, ProviderKind
from perhekeskus.workspace import selectors as workspace_selectors
from perhekeskus.workspace.forms import AcceptInvitationForm, CodeForm, InvitationForm, SignInForm

FAILED_SIGN_INS = "failed-sign-ins"
# Organisations on one page of the dashboard (a coordinator's network has dozens).
DASHBOARD_PAGE_SIZE = 10


# --- Signing in ------------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def sign_in(request):
    next_url = safe_next_url(request)
    form = SignInForm(request.POST or None)
    status = 200
    if request.method == "POST":
        # Held while the password is checked, kept if it was wrong: parallel guesses cannot pass one check.
        with ratelimit.holding(request, FAILED_SIGN_INS, settings.FAILED_SIGN_INS_PER_HOUR) as held:
            if held is None:
                form.add_error(
                    None, _("Too many failed sign-ins from this device. Please try again in an hour.")
                )
                status = 429
            elif form.is_valid():
                user = authenticate(
                    request, email=form.cleaned_data["email"], password=form.cleaned_data["password"]
                )
                if user is None:
                    # After too many attempts django-axes answers instead (its middleware), whatever this says.
                    held.keep()
                    form.add_error(None, _("The e-mail address or the password is wrong."))
                else:
                    login(request, user)
                    return redirect(with_next("workspace:two_factor", next_url))
    return render(request, "workspace/sign_in.html", {"form": form, "next": next_url}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def two_factor(request):
    if not request.user.is_authenticated:
        return redirect("workspace:sign_in")
    next_url = safe_next_url(request)
    if second_factor_done(request.user):
        return HttpResponseRedirect(next_url)
    if not TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect(with_next("workspace:two_factor_setup", next_url))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return HttpResponseRedirect(next_url)
        form.add_error(
            "code", _wrong_code_message(TOTPDevice.objects.filter(user=request.user, confirmed=True))
        )
    return render(request, "workspace/two_factor.html", {"form": form, "next": next_url})


@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    """The first sign-in: connect an authenticator app, confirm with a code, get recovery codes."""
    if not request.user.is_authenticated:
        return redirect("workspace:sign_in")
    next_url = safe_next_url(request)
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect(with_next("workspace:two_factor", next_url))
    device = services.totp_device_start(user=request.user, name=_("Authenticator app"))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            services.totp_device_confirm(device=device)
            codes = services.recovery_codes_replace(user=request.user)
            otp_login(request, device)
            return render(request, "workspace/recovery_codes.html", {"codes": codes, "next": next_url})
        form.add_error("code", _wrong_code_message([device]))
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    context = {
        "form": form,
        "next": next_url,
        "qr_svg": image.to_string(encoding="unicode"),
        "secret": base64.b32encode(device.bin_key).decode(),
    }
    return render(request, "workspace/two_factor_setup.html", context)


def _wrong_code_message(devices) -> str:
    """After a wrong code django-otp makes the next try wait, a little longer each time: say so."""
    for device in devices:
        allowed, details = device.verify_is_allowed()
        if not allowed and details and details.get("locked_until"):
            seconds = max(1, int((details["locked_until"] - timezone.now()).total_seconds()) + 1)
            return ngettext(
                "The code was not right. Wait %(seconds)d second, then enter the code your app shows.",
                "The code was not right. Wait %(seconds)d seconds, then enter the code your app shows.",
                seconds,
            ) % {"seconds": seconds}
    return _("The code is not right, or it has expired. Try the code your app shows now.")


@require_POST
def sign_out(request):
    logout(request)
    messages.info(request, _("You have signed out."))
    return redirect("workspace:sign_in")


@require_POST
@staff_view
def sign_out_everywhere(request):
    services.user_sign_out_everywhere(user=request.user)
    logout(request)
    messages.info(request, _("You have signed out on every device."))
    return redirect("workspace:sign_in")


# --- Working -----------------------------------------------------------------------------------------


@staff_view
def dashboard(request):
    """The user's organisations (a coordinator's: the whole network's), filterable by municipality,
    kind of provider and "needs attention", a page of them at a time."""
    today = timezone.localdate()
    managed = set(Organization.objects.managed_by(request.user).values_list("pk", flat=True))
    everything = workspace_selectors.dashboard(request.user)
    choices = {
        "municipality": {
            m.code: m.name for m in Municipality.objects.filter(organizations__in=everything).distinct()
        },
        "kind": {
            k.code: k.name for k in ProviderKind.objects.filter(organizations__in=everything).distinct()
        },
    }
    chosen = {name: request.GET.get(name, "") for name in ("municipality", "kind")}
    chosen = {name: code if code in choices[name] else "" for name, code in chosen.items()}
    shown = everything
    if chosen["municipality"]:
        shown = shown.filter(municipality__code=chosen["municipality"])
    if chosen["kind"]:
        shown = shown.filter(kind__code=chosen["kind"])

    def row(organization: Organization) -> dict:
        return {
            "organization": organization,
            "manages_members": organization.pk in managed,
            "services": [
                (service, workspace_selectors.attention(service, today))
                for service in organization.services.all()
            ],
        }

    needing = request.GET.get("attention") == "1"
    if needing:  # what needs attention is known only by looking at every service
        rows = [r for r in map(row, shown) if any(note for _service, note in r["services"])]
        page = Paginator(rows, DASHBOARD_PAGE_SIZE).get_page(request.GET.get("page"))
    else:  # only the page shown is looked at
        page = Paginator(shown, DASHBOARD_PAGE_SIZE).get_page(request.GET.get("page"))
        page.object_list = [row(organization) for organization in page.object_list]
    query = {name: code for name, code in chosen.items() if code} | ({"attention": "1"} if needing else {})
    return render(
        request,
        "workspace/dashboard.html",
        {
            "organizations": page.object_list,
            "page": page,
            "page_query": urlencode(query),
            "filters": {
                "municipalities": sorted(choices["municipality"].items(), key=lambda item: item[1]),
                "kinds": sorted(choices["kind"].items(), key=lambda item: item[1]),
                "chosen": chosen,
                "attention": needing,
                "shown": page.paginator.count,
                "many": everything.count() > DASHBOARD_PAGE_SIZE or any(chosen.values()) or needing,
            },
            "is_coordinator": Network.objects.coordinated_by(request.user).exists(),
            "waiting": workspace_selectors.waiting_for(request.user),
            "may_propose": Network.objects.listings_editable_by(request.user).exists(),
            "refers": request.user.memberships.exists(),
            "decisions": workspace_selectors.decisions_for(request.user),
        },
    )


def _managed_organization(request, pk):
    """An organisation whose listings the user keeps (else 404) and whose members they manage (else 403)."""
    organization = get_object_or_404(Organization.objects.listings_editable_by(request.user), pk=pk)
    if not Organization.objects.managed_by(request.user).filter(pk=organization.pk).exists():
        raise PermissionDenied
    return organization


@staff_view
@require_http_methods(["GET", "POST"])
def members(request, pk):
    organization = _managed_organization(request, pk)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_send(
                actor=request.user,
                organization=organization,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                accept_url=lambda token: request.build_absolute_uri(
                    reverse("workspace:invitation", kwargs={"token": token})
                ),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("An invitation was sent to %(email)s.") % {"email": form.cleaned_data["email"]}
            )
            return redirect("workspace:members", pk=organization.pk)
    context = {
        "organization": organization,
        "members": selectors.members_of(organization),
        "invitations": workspace_selectors.open_invitations(organization),
        "form": form,
    }
    return render(request, "workspace/members.html", context)


@require_POST
@staff_view
def member_remove(request, pk, membership_pk):
    organization = _managed_organization(request, pk)
    membership = get_object_or_404(Membership, pk=membership_pk, organization=organization)
    if membership.user_id == request.user.pk:
        messages.error(request, _("You cannot remove yourself. Ask another admin or the coordinator."))
    else:
        services.membership_remove(actor=request.user, membership=membership)
        messages.success(
            request, _("%(name)s is no longer a member.") % {"name": membership.user.get_full_name()}
        )
    return redirect("workspace:members", pk=organization.pk)


@never_cache
@require_http_methods(["GET", "POST"])
def invitation(request, token):
    """Public: the link in the invitation e-mail. Valid once, until it expires."""
    found = selectors.invitation_for_token(token)
    if found is None:
        return render(request, "workspace/invitation_invalid.html", status=404)
    has_account = workspace_selectors.account_exists(found.email)
    form = None if has_account else AcceptInvitationForm(request.POST or None)
    if request.method == "POST" and (form is None or form.is_valid()):
        values = (
            form.cleaned_data if form is not None else {"first_name": "", "last_name": "", "password": ""}
        )
        try:
            services.invitation_accept(invitation=found, **values)
        except ValidationError as error:
            if form is None:
                raise
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("You are now a member of %(organization)s. Sign in to continue.")
                % {"organization": found.organization.name},
            )
            return redirect("workspace:sign_in")
    return render(request, "workspace/invitation.html", {"invitation": found, "form": form})


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset by e-mail, with one message per address per 15 minutes: repeated requests cannot
    flood someone's inbox. The page answers the same either way (it never tells whether an account
    exists)."""

    template_name = "workspace/password_reset.html"
    email_template_name = "workspace/email/password_reset.txt"
    subject_template_name = "workspace/email/password_reset_subject.txt"
    success_url = reverse_lazy("workspace:password_reset_sent")
    RESEND_AFTER = 15 * 60

    def form_valid(self, form):
        if not ratelimit.spend(
            self.request, "password-resets", settings.PASSWORD_RESETS_PER_HOUR, ratelimit.HOUR
        ):
            form.add_error(
                None, _("Too many password reset requests from this device. Please try again in an hour.")
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        address = form.cleaned_data["email"].strip().lower()
        key = "password-reset:" + hashlib.sha256(address.encode()).hexdigest()
        if not cache.add(key, True, timeout=self.RESEND_AFTER):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)
