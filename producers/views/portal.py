"""The farmer's portal: their producers, notices and the onboarding wizard."""

from django.contrib import messages
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, UpdateView

from marketplace.text import fold, normalize

from .. import changes, permissions, services
from ..forms import CertificationFormSet, WhatForm, WhereForm, WhoForm
from ..models import (
    MembershipRole,
    OnboardingStep,
    Producer,
    ProducerMembership,
    ProducerNotice,
    VerificationStatus,
)
from .mixins import ManagedProducerMixin

# The portal's filters: a digital-team member helping ~200 households finds one quickly.
FILTERS = {
    "cho-xac-minh": ("waiting", Q(status=VerificationStatus.SUBMITTED)),
    "da-xac-minh": ("verified", Q(status=VerificationStatus.VERIFIED)),
    "bi-tu-choi": ("rejected", Q(status=VerificationStatus.REJECTED)),
    "dang-lam": ("draft", Q(status=VerificationStatus.DRAFT)),
    "chua-co-san-pham": ("no_product", Q(product_count=0)),
}
FILTER_LABELS = {
    "waiting": gettext_lazy("Waiting for verification"),
    "verified": gettext_lazy("Verified"),
    "rejected": gettext_lazy("Rejected: to fix"),
    "draft": gettext_lazy("Not finished"),
    "no_product": gettext_lazy("No product yet"),
}
PER_PAGE = 20


class PortalView(LoginRequiredMixin, TemplateView):
    template_name = "producers/portal/index.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        managed = Producer.objects.managed_by(user).annotate(product_count=Count("products"))
        counts = managed.aggregate(
            total=Count("pk"),
            **{name: Count("pk", filter=rule) for name, rule in FILTERS.values()},
        )
        query = normalize(self.request.GET.get("q", "")).strip()[:100]
        chosen = self.request.GET.get("loc")
        producers = (
            managed.select_related("commune")
            .annotate(
                # Never claimed: the owner account has no password of its own yet.
                unclaimed=Exists(
                    ProducerMembership.objects.filter(
                        producer=OuterRef("pk"),
                        role=MembershipRole.OWNER,
                        user__password__startswith=UNUSABLE_PASSWORD_PREFIX,
                    )
                )
            )
            .order_by("-updated_at", "pk")
        )
        if chosen in FILTERS:
            producers = producers.filter(FILTERS[chosen][1])
        if query:
            # Folded like the public search: "tu loi" finds "Vườn Tư Lợi".
            every_word = Q()
            for word in fold(query).split():
                every_word &= Q(search_text__contains=word)
            producers = producers.filter(
                every_word
                | Q(representative__icontains=query)
                | Q(phone__contains="".join(ch for ch in query if ch.isdigit())[-9:] or query)
            )
        page = Paginator(producers, PER_PAGE).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            producers=page.object_list,
            page_obj=page,
            counts=counts,
            filters=[
                (slug, FILTER_LABELS[name], counts[name], slug == chosen)
                for slug, (name, _rule) in FILTERS.items()
            ],
            query=query,
            notices=ProducerNotice.objects.filter(producer__in=managed.values("pk")).select_related(
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

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.step == OnboardingStep.WHERE and permissions.acts_on_behalf(
            self.request.user, self.producer
        ):
            kwargs["helper"] = self.request.user
        return kwargs

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
        try:
            with transaction.atomic():
                changes.save_profile_form(self.producer, request.user, self.step, form)
        except ValidationError as error:  # e.g. photo storage full: nothing saved
            form.add_error(None, error)
            return self.form_invalid(form)
        if self.step == OnboardingStep.WHERE and self._found_from_old_address(form):
            commune = form.cleaned_data["commune"]
            messages.success(
                request,
                _("Your address is now in %(commune)s (since the 2025 reorganisation).")
                % {"commune": commune.name},
            )
        next_step = min(self.step + 1, OnboardingStep.REVIEW)
        return redirect(step_url(self.producer, next_step))

    @staticmethod
    def _found_from_old_address(form):
        """The commune was found from the address before 2025, not chosen from the list."""
        return bool(form.cleaned_data.get("old_address")) and not form.data.get("commune")

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
