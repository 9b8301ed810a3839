"""The officials' moderation queue in the Wagtail admin."""

import django_filters
from django.contrib import messages
from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import EditView

from accounts.phones import display_phone
from marketplace.forms import ReasonForm
from marketplace.inspect import ReadableInspectView
from marketplace.jurisdiction import ModelViewSet
from marketplace.moderation import ModerationActionView
from marketplace.spreadsheets import SafeExportIndexView

from . import changes, permissions, services
from .models import Producer, ProducerChange, VerificationStatus

INSPECT_SECTIONS = "producer_inspect_sections"

MODERATION_ACTIONS = {
    "verify": lambda producer, user, reason: services.verify(producer, user),
    "reject": services.reject,
    "suspend": services.suspend,
    "approve_changes": changes.approve_changes,
    "reject_changes": changes.reject_changes,
}


class ProducerInspectView(ReadableInspectView):
    template_name = "producers/admin/inspect.html"

    def get_phone_display_value(self):
        return display_phone(self.object.phone)

    def get_zalo_phone_display_value(self):
        return display_phone(self.object.zalo_phone) if self.object.zalo_phone else "—"

    def get_context_data(self, **kwargs):
        producer = self.object
        return super().get_context_data(
            producer=producer,
            photos=producer.photos.select_related("image"),
            products=producer.products.order_by("name")[:50],
            certifications=producer.certifications.all(),
            history=producer.status_history.select_related("changed_by"),
            activities=producer.activities.select_related("actor")[:20],
            members=producer.memberships.select_related("user"),
            can_moderate=permissions.can_moderate(self.request.user),
            moderate_url=reverse("producers_admin:moderate", args=[producer.pk]),
            reason_form=ReasonForm(),
            confirm_label=_("I looked at what goes public (needed to verify)"),
            pending_change=producer.pending_change,
            pending_values=changes.described(producer.pending_change)
            if producer.pending_change
            else [],
            # The apps above add what they know of the producer (compliance: its identity).
            sections=[
                section(self.request, producer) for section in hooks.get_hooks(INSPECT_SECTIONS)
            ],  # fmt: skip
            moderation_actions=[
                ("verify", _("Verify"), ""),
                ("reject", _("Reject"), "button-secondary"),
                ("suspend", _("Suspend"), "no"),
                *(
                    [
                        ("approve_changes", _("Approve the changes"), ""),
                        ("reject_changes", _("Reject the changes"), "button-secondary"),
                    ]
                    if producer.pending_change
                    else []
                ),
            ],
            **kwargs,
        )


def verification_queue_url():
    """Producers waiting for verification, the longest waiting first."""
    return reverse("producers_admin:index") + "?status=submitted&ordering=status_changed_at"


def _waiting_for(producer):
    if producer.status != VerificationStatus.SUBMITTED or not producer.status_changed_at:
        return ""
    waited = timezone.now() - producer.status_changed_at
    if waited.days:
        return ngettext("%(count)s day", "%(count)s days", waited.days) % {"count": waited.days}
    hours = waited.seconds // 3600
    return ngettext("%(count)s hour", "%(count)s hours", hours) % {"count": hours}


class ModerateProducerView(ModerationActionView):
    model = Producer
    actions = MODERATION_ACTIONS
    url_namespace = "producers_admin"

    def has_permission(self, user):
        return permissions.can_moderate(user)

    def post(self, request, pk):
        # Verifying puts the farm's name, photos and products in public: the official
        # confirms having looked at them.
        if request.POST.get("action") == "verify" and not request.POST.get("looked"):
            messages.error(request, _("Tick that you looked at what goes public, then verify."))
            return redirect("producers_admin:inspect", pk)
        return super().post(request, pk)

    def success_url(self):
        return verification_queue_url()  # the next one waiting, not the whole list

    def success_message(self, producer):
        return _("%(name)s is now “%(status)s”.") % {
            "name": producer.display_name,
            "status": producer.get_status_display(),
        }


class ProducerFilterSet(WagtailFilterSet):
    pending_changes = django_filters.BooleanFilter(
        label=gettext_lazy("Changes waiting for approval"), method="filter_pending_changes"
    )

    class Meta:
        model = Producer
        fields = ["status", "kind", "commune__legacy_district"]

    def filter_pending_changes(self, queryset, name, value):
        waiting = Exists(ProducerChange.objects.filter(producer=OuterRef("pk"), decided_at=None))
        return queryset.filter(waiting) if value else queryset.exclude(waiting)


class ProducerEditView(EditView):
    def save_instance(self):
        with transaction.atomic():
            producer = super().save_instance()
            services.producer_changed(producer)  # its name is on its products' pages and index
        return producer


class ProducerIndexView(SafeExportIndexView):
    def order_queryset(self, queryset):
        # A producer whose status date is unknown goes last on every database (SQLite
        # would put it first), so the queue always starts with the longest waiting.
        if self.ordering in ("status_changed_at", "-status_changed_at"):
            newest_first = self.ordering.startswith("-")
            by_date = F("status_changed_at")
            return queryset.order_by(
                by_date.desc(nulls_last=True) if newest_first else by_date.asc(nulls_last=True),
                "pk",
            )
        return super().order_queryset(queryset)


class ProducerViewSet(ModelViewSet):
    model = Producer
    index_view_class = ProducerIndexView
    edit_view_class = ProducerEditView
    filterset_class = ProducerFilterSet
    icon = "group"
    menu_label = gettext_lazy("Producers")
    menu_order = 210
    add_to_admin_menu = True
    url_prefix = "producers"
    name = "producers_admin"
    inspect_view_enabled = True
    inspect_view_class = ProducerInspectView
    list_display = [
        "display_name",
        "kind",
        Column("commune", label=gettext_lazy("Commune"), accessor="commune"),
        "status",
        DateColumn(
            "status_changed_at", label=gettext_lazy("Status changed"), sort_key="status_changed_at"
        ),
        Column("waiting", label=gettext_lazy("Waiting for"), accessor=_waiting_for),
    ]
    list_export = [
        "display_name",
        "legal_name",
        "kind",
        "representative",
        "phone",
        "commune",
        "status",
        "status_changed_at",
        "created_at",
    ]
    export_filename = "nha-san-xuat"
    search_fields = ["display_name", "legal_name", "representative", "phone"]
    inspect_view_fields = [
        "display_name",
        "legal_name",
        "kind",
        "representative",
        "phone",
        "zalo_phone",
        "email",
        "commune",
        "address",
        "main_products",
        "status",
        "status_reason",
        "registered_by",
        "created_at",
    ]
    form_fields = ["display_name", "legal_name", "representative", "kind"]

    def get_queryset(self, request):
        return Producer.objects.select_related("commune")

    @property
    def moderate_view(self):
        return ModerateProducerView.as_view()

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("moderate/<int:pk>/", self.moderate_view, name="moderate"),
        ]
