"""Assisted onboarding: a community digital-team member registers a household,
prints it a one-time claim code, and the household claims its account."""

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.generic import FormView, View

from marketplace.throttling import ThrottledFormMixin

from .. import permissions, services
from ..forms import ClaimForm, HouseholdRegistrationForm
from ..models import OnboardingStep
from .mixins import ManagedProducerMixin
from .portal import step_url


class RegisterHouseholdView(LoginRequiredMixin, FormView):
    template_name = "producers/portal/register_household.html"
    form_class = HouseholdRegistrationForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not permissions.is_digital_team_member(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        producer, code = services.register_household(
            self.request.user,
            paper_form=form.cleaned_data["paper_form"],
            consents=form.consent_answers(),
            **form.producer_fields(),
        )
        services.save_onboarding_step(producer, self.request.user, OnboardingStep.WHO)
        return render_claim_sheet(self.request, producer, code)


class NewClaimCodeView(ManagedProducerMixin, View):
    """A fresh code for a household that lost its paper or let the code expire."""

    def post(self, request, pk):
        if not permissions.acts_on_behalf(request.user, self.producer):
            raise PermissionDenied
        try:
            code = services.issue_claim_code(self.producer, request.user)
        except services.ClaimError as error:
            messages.error(request, str(error))
            return redirect(step_url(self.producer, self.producer.onboarding_step))
        return render_claim_sheet(request, self.producer, code)


def render_claim_sheet(request, producer, code):
    claim_page_url = settings.SITE_URL + reverse("producers:claim")
    # The code rides in the fragment, which browsers never send: it stays out of access logs.
    claim_url = f"{claim_page_url}#ma={code}"
    return render(
        request,
        "producers/portal/claim_sheet.html",
        {
            "producer": producer,
            "code": code,
            "claim_page_url": claim_page_url,
            "claim_url": claim_url,
            "qr_svg": segno.make(claim_url, error="m").svg_inline(scale=5),
            "next_step_url": step_url(producer, OnboardingStep.WHERE),
        },
    )


class ClaimAccountView(ThrottledFormMixin, FormView):
    template_name = "producers/claim.html"
    form_class = ClaimForm
    throttle = "claim"

    def throttle_values(self, form):
        return [("claim_code", services.normalise_claim_code(form.cleaned_data["code"]))]

    def form_valid(self, form):
        try:
            user = services.claim_account(form.cleaned_data["code"], form.cleaned_data["password1"])
        except services.ClaimError as error:
            form.add_error("code", str(error))
            return self.form_invalid(form)
        login(self.request, user, backend="accounts.backends.PhoneBackend")
        return redirect("producers:portal")
