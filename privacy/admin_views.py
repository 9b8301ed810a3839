"""Officials' side of personal data: the queue of requests with their deadlines, and
the breach register, in the Wagtail admin."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy

from marketplace import jurisdiction
from marketplace.inspect import ReadableInspectView
from marketplace.jurisdiction import ModelViewSet
from marketplace.spreadsheets import SafeExportIndexView
from payments.admin_views import WrittenByServicesPolicy

from . import services
from .forms import RefusalForm
from .models import Breach, DataRequest


class RequestsPolicy(WrittenByServicesPolicy):
    """Made by the person's own page, answered through the services; never edited."""

    denied = {"add", "change", "delete"}


register_permission_policy(DataRequest, RequestsPolicy(DataRequest))


def _state(data_request):
    if data_request.is_late:
        return _("Past the deadline")
    return data_request.get_state_display()


class DataRequestInspectView(ReadableInspectView):
    template_name = "privacy/admin/request_inspect.html"

    def get_context_data(self, **kwargs):
        data_request = self.object
        can_answer = (
            services.can_handle(self.request.user)
            and data_request.state == "received"
            and data_request.kind == "erasure"
        )
        return super().get_context_data(
            can_answer=can_answer,
            refusal_form=RefusalForm(),
            blockers=services.blockers_of(data_request.user) if can_answer else [],
            **kwargs,
        )


class AnswerView(View):
    """Carry out (POST without a reason) or refuse (with one) a deletion request."""

    refuse = False

    def post(self, request, pk):
        if not services.can_handle(request.user):
            raise PermissionDenied
        data_request = jurisdiction.get_or_404(request.user, DataRequest.objects.all(), pk=pk)
        try:
            if self.refuse:
                services.refuse(data_request, request.user, request.POST.get("reason"))
                messages.success(request, _("Refused; the person is told by text message."))
            else:
                services.carry_out(data_request, request.user)
                messages.success(request, _("Done: the person's data is anonymised."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("data_requests_admin:inspect", pk)


class DataRequestViewSet(ModelViewSet):
    model = DataRequest
    index_view_class = SafeExportIndexView
    inspect_view_enabled = True
    inspect_view_class = DataRequestInspectView
    icon = "lock"
    menu_label = gettext_lazy("Personal data requests")
    url_prefix = "data-requests"
    name = "data_requests_admin"
    list_display = [
        "kind",
        DateColumn("received_at", label=gettext_lazy("received at")),
        DateColumn("due_at", label=gettext_lazy("deadline")),
        Column("state", label=gettext_lazy("state"), accessor=_state),
        "handled_by",
    ]
    list_filter = ["kind", "state"]
    list_export = [
        "pk",
        "kind",
        "state",
        "received_at",
        "due_at",
        "done_at",
        "handled_by",
        "answer",
    ]
    export_filename = "yeu-cau-du-lieu-ca-nhan"
    form_fields = ["answer"]  # never editable (RequestsPolicy); the viewset asks for some
    inspect_view_fields = ["user", "kind", "state", "received_at", "due_at", "done_at",
                           "handled_by", "answer"]  # fmt: skip

    def get_queryset(self, request):
        return DataRequest.objects.select_related("user", "handled_by")

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/carry-out/", AnswerView.as_view(), name="carry_out"),
            path("<int:pk>/refuse/", AnswerView.as_view(refuse=True), name="refuse"),
        ]


def _report_state(breach):
    if breach.reported_at:
        return _("Reported")
    return _("Past the deadline") if breach.report_is_late else _("To report")


class BreachViewSet(ModelViewSet):
    model = Breach
    index_view_class = SafeExportIndexView
    icon = "warning"
    menu_label = gettext_lazy("Personal data breaches")
    url_prefix = "breaches"
    name = "breaches_admin"
    list_display = [
        "data_affected",
        DateColumn("detected_at", label=gettext_lazy("found at")),
        "people_affected",
        Column("report", label=gettext_lazy("report to the authority"), accessor=_report_state),
    ]
    list_export = ["detected_at", "description", "data_affected", "people_affected",
                   "measures", "reported_at", "people_told_at"]  # fmt: skip
    export_filename = "vi-pham-du-lieu-ca-nhan"
    form_fields = ["detected_at", "description", "data_affected", "people_affected",
                   "measures", "reported_at", "people_told_at"]  # fmt: skip


class PrivacyViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("Personal data")
    menu_icon = "lock"
    items = (DataRequestViewSet, BreachViewSet)


def queue_rows(request):
    open_requests = services.open_requests()
    late = open_requests.filter(due_at__lt=timezone.now())
    return [
        (_("Deletion requests to carry out"), open_requests,
         reverse("data_requests_admin:index") + "?state=received"),
        (_("of which past the deadline"), late,
         reverse("data_requests_admin:index") + "?state=received"),
        (_("Breaches not yet reported"), Breach.objects.filter(reported_at=None),
         reverse("breaches_admin:index")),
    ]  # fmt: skip
