"""The farmer's portal: their producers, notices and the onboarding wizard."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, UpdateView

from .. import changes, permissions, services
from ..forms import CertificationFormSet, WhatForm, WhereForm, WhoForm
from ..models import OnboardingStep, Producer, ProducerNotice
from .mixins import ManagedProducerMixin


class PortalView(LoginRequiredMixin, TemplateView):
    template_name = "producers/portal/index.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        producers = Producer.objects.managed_by(user).select_related("commune")
        return super().get_context_data(
            producers=producers,
            notices=ProducerNotice.objects.filter(producer__in=producers).select_related(
                "producer"
            )[:10],
            is_digital_team_member=permissions.is_digital_team_member(user),
            **kwargs,
        )


class StartProducerView(LoginRequiredMixin, FormView):
    """Step 1 for a farmer's own producer: creating it saves the first step."""

    template_name = "producers/portal/step.html"
    form_class = WhoForm

    def get_initial(self):
        return {"phone": self.request.user.phone, "kind": "household"}

    def form_valid(self, form):
        with transaction.atomic():
            producer = services.create_producer(self.request.user, **form.cleaned_data)
            services.save_onboarding_step(producer, self.request.user, OnboardingStep.WHO)
        return redirect(step_url(producer, OnboardingStep.WHERE))

    def get_context_data(self, **kwargs):
        return super().get_context_data(step=OnboardingStep.WHO, steps=OnboardingStep, **kwargs)


def step_url(producer, step):
    return reverse("producers:step", kwargs={"pk": producer.pk, "step": int(step)})


class StepView(ManagedProducerMixin, UpdateView):
    """One step of the onboarding wizard; saving it records progress."""

    template_name = "producers/portal/step.html"
    form_classes = {
        OnboardingStep.WHO: WhoForm,
        OnboardingStep.WHERE: WhereForm,
        OnboardingStep.WHAT: WhatForm,
    }

    def dispatch(self, request, *args, **kwargs):
        self.step = (
            OnboardingStep(kwargs["step"]) if kwargs["step"] in OnboardingStep.values else None
        )
        if self.step is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):
        return self.producer

    def get_form_class(self):
        return self.form_classes.get(self.step)

    def get_form(self, form_class=None):
        if self.step == OnboardingStep.CERTIFICATIONS:
            # Approved certificates of a verified producer are shown, not edited: a
            # changed certificate is a new one, which an official approves.
            queryset = self.producer.certifications.all()
            if changes.changes_need_review(self.producer):
                queryset = queryset.filter(approved_at=None)
            return CertificationFormSet(queryset=queryset, **self.get_form_kwargs())
        if self.step == OnboardingStep.REVIEW:
            return None
        return super().get_form(form_class)

    def post(self, request, *args, **kwargs):
        self.object = self.producer
        if self.step == OnboardingStep.REVIEW:
            return self.submit()
        form = self.get_form()
        if not form.is_valid():
            return self.form_invalid(form)
        # What waits for an official is said on every step (see pending_change).
        changes.save_profile_form(self.producer, request.user, self.step, form)
        next_step = min(self.step + 1, OnboardingStep.REVIEW)
        return redirect(step_url(self.producer, next_step))

    def submit(self):
        try:
            services.submit_for_verification(self.producer, self.request.user)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return redirect(step_url(self.producer, OnboardingStep.REVIEW))
        messages.success(
            self.request,
            _(
                "Sent for verification. An official will check your profile; you will see the result here."
            ),
        )
        return redirect("producers:portal")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(step=self.step, steps=OnboardingStep, **kwargs)
        if self.step == OnboardingStep.REVIEW:
            context["missing"] = services.missing_for_submission(self.producer)
            context["certifications"] = self.producer.certifications.all()
        if changes.changes_need_review(self.producer):
            context["approved_certifications"] = self.producer.certifications.exclude(
                approved_at=None
            )
            context["pending_change"] = self.producer.pending_change
        return context
