"""Officials' side of the legal duties: identity checks, and takedown requests with
their clocks, in the Wagtail admin."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy

from marketplace import jurisdiction
from marketplace.inspect import ReadableInspectView
from marketplace.jurisdiction import ModelViewSet
from marketplace.spreadsheets import SafeExportIndexView
from marketplace.storage import attachment_response
from payments.admin_views import WrittenByServicesPolicy
from producers import permissions as producer_permissions
from producers.models import Producer

from . import identity, sealing, takedowns
from .forms import InPersonCheckForm, LiftForm, TakedownForm
from .models import IdentityCheck, Takedown


class RecordsPolicy(WrittenByServicesPolicy):
    """Added through the services' own forms; never edited or deleted in the admin."""

    denied = {"change", "delete"}


register_permission_policy(IdentityCheck, RecordsPolicy(IdentityCheck))
register_permission_policy(Takedown, RecordsPolicy(Takedown))


class IdentityIndexView(SafeExportIndexView):
    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        number = "".join(ch for ch in self.request.GET.get("so_cccd", "") if ch.isdigit())
        if number:
            queryset = queryset.filter(citizen_id_hash=sealing.lookup_hash(number))
        return queryset


class IdentityInspectView(ReadableInspectView):
    def get_citizen_id_sealed_display_value(self):
        return self.object.masked_citizen_id or "—"


class IdentityCheckViewSet(ModelViewSet):
    model = IdentityCheck
    index_view_class = IdentityIndexView
    inspect_view_enabled = True
    inspect_view_class = IdentityInspectView
    icon = "user"
    menu_label = gettext_lazy("Identity checks")
    url_prefix = "identity"
    name = "identity_admin"
    list_display = [
        "producer",
        "method",
        "full_name",
        Column("citizen_id", label=gettext_lazy("Citizen ID"), accessor="masked_citizen_id"),
        "tax_code",
        "checked_by",
        DateColumn("checked_at", label=gettext_lazy("checked at")),
        DateColumn("expires_on", label=gettext_lazy("valid until")),
    ]
    list_export = ["producer", "method", "full_name", "tax_code", "checked_by", "checked_at",
                   "expires_on"]  # fmt: skip
    list_filter = ["method"]
    form_fields = ["full_name"]  # never editable (RecordsPolicy); the viewset asks for some
    export_filename = "xac-thuc-danh-tinh"
    inspect_view_fields = ["producer", "method", "full_name", "citizen_id_sealed", "tax_code",
                           "business_registration", "checked_by", "checked_at", "expires_on"]  # fmt: skip

    def get_queryset(self, request):
        return IdentityCheck.objects.select_related("producer", "checked_by")

    @property
    def add_view(self):
        return InPersonCheckView.as_view()


def _number(text):
    return int(text) if (text or "").isdigit() else 0


class InPersonCheckView(WagtailAdminTemplateMixin, FormView):
    template_name = "compliance/admin/in_person_check.html"
    form_class = InPersonCheckForm
    page_title = gettext_lazy("Identity checked in person")
    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        self.producer = jurisdiction.get_or_404(
            request.user, Producer.objects.all(), pk=_number(request.GET.get("producer"))
        )
        if not identity.can_check_in_person(request.user, self.producer):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.producer.display_name

    def get_context_data(self, **kwargs):
        return super().get_context_data(producer=self.producer, **kwargs)

    def form_valid(self, form):
        data = {name: value for name, value in form.cleaned_data.items() if name != "seen"}
        try:
            identity.record_in_person(self.producer, self.request.user, **data)
        except ValidationError as error:
            form.add_error(None, error)  # a dict of errors goes to its fields
            return self.form_invalid(form)
        messages.success(self.request, _("Identity of %(name)s recorded.")
                         % {"name": self.producer.display_name})  # fmt: skip
        return redirect("producers_admin:inspect", self.producer.pk)


class ExpiredIdentitiesView(WagtailAdminTemplateMixin, TemplateView):
    """Verified producers whose identity check ran out: to check again."""

    template_name = "compliance/admin/expired_identities.html"
    page_title = gettext_lazy("Identity checks run out")
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not producer_permissions.can_moderate(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            producers=jurisdiction.limit(
                self.request.user, identity.needing_a_new_check().select_related("commune")
            )[:500],
            **kwargs,
        )


def card_photo(request, pk):
    """The ID card's photo: officials who verify producers only, always as an attachment."""
    if not producer_permissions.can_moderate(request.user):
        raise Http404
    check = jurisdiction.get_or_404(
        request.user, IdentityCheck.objects.exclude(card_photo=""), pk=pk
    )
    return attachment_response(check.card_photo.open("rb"), f"the-can-cuoc-{check.pk}.jpg")


def _state(takedown):
    return takedown.get_state_display()


class TakedownInspectView(ReadableInspectView):
    template_name = "compliance/admin/takedown_inspect.html"

    def get_context_data(self, **kwargs):
        takedown = self.object
        return super().get_context_data(
            listings=takedown.products.select_related("producer"),
            sellers=takedown.producers.all(),
            lift_form=LiftForm(),
            can_lift=takedowns.can_record(self.request.user) and not takedown.lifted_at,
            lift_url=reverse("takedowns_admin:lift", args=[takedown.pk]),
            **kwargs,
        )


class TakedownCreateView(WagtailAdminTemplateMixin, FormView):
    template_name = "compliance/admin/takedown_form.html"
    form_class = TakedownForm
    page_title = gettext_lazy("Takedown request")
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not takedowns.can_record(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        try:
            products = takedowns.find_products(data.pop("listings"), self.request.user)
        except ValidationError as error:
            form.add_error("listings", error)
        try:
            producers = takedowns.find_producers(data.pop("sellers"), self.request.user)
        except ValidationError as error:
            form.add_error("sellers", error)
        if form.errors:
            return self.form_invalid(form)
        try:
            made = takedowns.record(
                self.request.user, products=products, producers=producers, **data
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Recorded; %(count)s listings and sellers are hidden.")
                         % {"count": len(products) + len(producers)})  # fmt: skip
        return redirect("takedowns_admin:inspect", made.pk)


class LiftTakedownView(WagtailAdminTemplateMixin, FormView):
    form_class = LiftForm
    http_method_names = ["post"]

    def dispatch(self, request, pk):
        if not takedowns.can_record(request.user):
            raise PermissionDenied
        self.takedown = jurisdiction.get_or_404(request.user, Takedown.objects.all(), pk=pk)
        return super().dispatch(request, pk)

    def form_valid(self, form):
        try:
            takedowns.lift(self.takedown, self.request.user, form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
        else:
            messages.success(self.request, _("Lifted: the listings are visible again."))
        return redirect("takedowns_admin:inspect", self.takedown.pk)

    def form_invalid(self, form):
        messages.error(self.request, _("Say why the listings may return."))
        return redirect("takedowns_admin:inspect", self.takedown.pk)


class TakedownViewSet(ModelViewSet):
    model = Takedown
    index_view_class = SafeExportIndexView
    inspect_view_enabled = True
    inspect_view_class = TakedownInspectView
    icon = "warning"
    menu_label = gettext_lazy("Takedown requests")
    url_prefix = "takedowns"
    name = "takedowns_admin"
    list_display = [
        "document_number",
        "agency",
        DateColumn("received_at", label=gettext_lazy("received at")),
        DateColumn("deadline_at", label=gettext_lazy("deadline")),
        Column("state", label=gettext_lazy("state"), accessor=_state),
    ]
    list_export = ["document_number", "document_date", "agency", "reason", "received_at",
                   "deadline_at", "done_at", "lifted_at", "lift_reason"]  # fmt: skip
    export_filename = "yeu-cau-go-bo"
    form_fields = ["reason"]  # never editable (RecordsPolicy); the viewset asks for some
    search_fields = ["document_number", "agency", "reason"]
    inspect_view_fields = ["agency", "document_number", "document_date", "reason", "received_at",
                           "deadline_at", "done_at", "recorded_by", "lifted_at", "lift_reason"]  # fmt: skip

    @property
    def add_view(self):
        return TakedownCreateView.as_view()

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/lift/", LiftTakedownView.as_view(), name="lift"),
        ]


class ComplianceViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("Legal duties")
    menu_icon = "law"
    menu_order = 230
    items = (TakedownViewSet, IdentityCheckViewSet)
