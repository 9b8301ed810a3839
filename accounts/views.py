from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.hashers import make_password
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.generic import FormView

from marketplace.models import PolicyKind, current_policy
from marketplace.redirects import safe_next
from marketplace.throttling import ThrottledFormMixin, too_many_message

from . import consents, services
from .forms import (
    PhoneAuthenticationForm,
    PhoneCodeForm,
    PhoneResetConfirmForm,
    PhoneResetRequestForm,
    SignUpForm,
)
from .models import PolicyAcceptance
from .phones import display_phone

PENDING_SIGN_UP = "pending_sign_up"
PENDING_RESET = "pending_reset_phone"


def wrong_code_message():
    return _(
        "This code is not right or has expired. Check the text message, or ask for a new code."
    )


class StartPhoneFlowView(ThrottledFormMixin, FormView):
    """Step 1 of a flow proved by a texted code: remember what step 2 needs, send the code."""

    session_key = None

    def throttle_values(self, form):
        return [("code_to_phone", form.cleaned_data["phone"])]

    def pending(self, form):
        return {"phone": form.cleaned_data["phone"]}

    def start(self, phone):
        raise NotImplementedError

    def form_valid(self, form):
        self.request.session[self.session_key] = self.pending(form)
        self.start(form.cleaned_data["phone"])
        return super().form_valid(form)


class SignUpView(StartPhoneFlowView):
    """Phone and password. Nothing is created until the phone is proved."""

    throttle = "sign_up"
    session_key = PENDING_SIGN_UP
    template_name = "accounts/sign_up.html"
    form_class = SignUpForm
    success_url = reverse_lazy("accounts:sign_up_confirm")

    def get_initial(self):
        kind = self.request.GET.get("vai-tro")
        return {"kind": kind} if kind in (SignUpForm.BUY, SignUpForm.SELL) else {}

    def pending(self, form):
        return {
            **super().pending(form),
            "password": make_password(form.cleaned_data["password1"]),
            "seller": form.cleaned_data["kind"] != SignUpForm.BUY,
            "consents": form.consent_answers(),
        }

    def start(self, phone):
        services.start_sign_up(phone)


class PendingPhoneMixin:
    """Step 2 of a phone flow: the phone of step 1 from the session, or back to step 1."""

    session_key = None
    start_url = None

    def dispatch(self, request, *args, **kwargs):
        pending = request.session.get(self.session_key)
        if not pending:
            return redirect(self.start_url)
        self.phone = pending["phone"]
        return super().dispatch(request, *args, **kwargs)

    def throttle_values(self, form):
        return [("code_checks_for_phone", self.phone)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(phone_display=display_phone(self.phone), **kwargs)


class SignUpConfirmView(PendingPhoneMixin, ThrottledFormMixin, FormView):
    throttle = "phone_code"
    session_key = PENDING_SIGN_UP
    start_url = reverse_lazy("accounts:sign_up")
    template_name = "accounts/sign_up_confirm.html"
    form_class = PhoneCodeForm

    def form_valid(self, form):
        pending = self.request.session[PENDING_SIGN_UP]
        seller = pending.get("seller", True)
        user = services.finish_sign_up(
            self.phone,
            pending["password"],
            form.cleaned_data["code"],
            seller=seller,
            consents=pending.get("consents", {}),
        )
        if user is None:
            form.add_error("code", wrong_code_message())
            return self.form_invalid(form)
        del self.request.session[PENDING_SIGN_UP]
        login(self.request, user, backend="accounts.backends.PhoneBackend")
        if seller:
            return redirect("producers:start")
        messages.success(
            self.request, _("Your account is ready: your orders and addresses are kept here.")
        )
        return redirect("orders:my_orders")


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = PhoneAuthenticationForm
    redirect_authenticated_user = True


class PasswordResetView(StartPhoneFlowView):
    """Reset by phone, the main path: a code by text message, then a new password."""

    throttle = "password_reset"
    session_key = PENDING_RESET
    template_name = "accounts/password_reset.html"
    form_class = PhoneResetRequestForm
    success_url = reverse_lazy("accounts:password_reset_phone_confirm")

    def start(self, phone):
        services.start_password_reset(phone)  # silently nothing for an unknown phone


class PasswordResetConfirmView(PendingPhoneMixin, ThrottledFormMixin, FormView):
    throttle = "phone_code"
    session_key = PENDING_RESET
    start_url = reverse_lazy("accounts:password_reset")
    template_name = "accounts/password_reset_phone_confirm.html"
    form_class = PhoneResetConfirmForm

    def form_valid(self, form):
        user = services.reset_password(
            self.phone, form.cleaned_data["code"], form.cleaned_data["password1"]
        )
        if user is None:
            form.add_error("code", wrong_code_message())
            return self.form_invalid(form)
        del self.request.session[PENDING_RESET]
        messages.success(self.request, _("Your new password is set. Log in with it."))
        return redirect("accounts:login")


class EmailPasswordResetView(ThrottledFormMixin, auth_views.PasswordResetView):
    """For accounts with an e-mail address (staff, and farmers who gave one)."""

    throttle = "password_reset"

    @property
    def extra_email_context(self):
        return {"site_url": settings.SITE_URL}


def locked_out(request, credentials, *args, **kwargs):
    """django-axes: too many wrong passwords for this phone from this address."""
    form = PhoneAuthenticationForm(request, data=request.POST or None)
    form.is_bound = False
    response = render(
        request,
        "accounts/login.html",
        {"form": form, "lockout_message": too_many_message(settings.AXES_COOLOFF_TIME * 3600)},
        status=429,
    )
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME * 3600))
    return response


@login_required
def accept_regulations(request):
    """The regulations changed since the seller accepted them: read, then accept."""
    if request.method == "POST":
        consents.accept_policies(request.user, PolicyAcceptance.Occasion.CHANGED)
        messages.success(request, _("Thank you: the new regulations are recorded as accepted."))
        return redirect(safe_next(request, reverse("producers:portal")))
    return render(
        request,
        "accounts/accept_regulations.html",
        {
            "regulations": current_policy(PolicyKind.REGULATIONS),
            "version": consents.current_version(PolicyKind.REGULATIONS),
            "next": safe_next(request, ""),
        },
    )
