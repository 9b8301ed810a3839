"""Officials mediate complaints in the Wagtail admin: the queue, the complaint with its
photos and the producer's answer, and the decision."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.permissions import register_permission_policy

from marketplace import jurisdiction
from marketplace.inspect import ReadableInspectView
from marketplace.jurisdiction import ModelViewSet
from marketplace.spreadsheets import SafeExportIndexView
from payments.admin_views import WrittenByServicesPolicy

from . import services
from .forms import DecisionForm
from .models import Complaint, State


class ComplaintsPolicy(WrittenByServicesPolicy):
    denied = {"add", "change", "delete"}


register_permission_policy(Complaint, ComplaintsPolicy(Complaint))


class ComplaintInspectView(ReadableInspectView):
    template_name = "complaints/admin/inspect.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_decide=services.can_mediate(self.request.user)
            and self.object.state != State.RESOLVED,
            decision_form=DecisionForm(),
            **kwargs,
        )


class DecideView(View):
    def post(self, request, pk):
        if not services.can_mediate(request.user):
            raise PermissionDenied
        complaint = jurisdiction.get_or_404(request.user, Complaint.objects.all(), pk=pk)
        form = DecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
            return redirect("complaints_admin:inspect", pk)
        try:
            services.decide(complaint, request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Decided; the buyer and the producer are told."))
        return redirect("complaints_admin:inspect", pk)


def _state(complaint):
    return _("Past the deadline") if complaint.is_late else complaint.get_state_display()


class ComplaintViewSet(ModelViewSet):
    model = Complaint
    index_view_class = SafeExportIndexView
    inspect_view_enabled = True
    inspect_view_class = ComplaintInspectView
    icon = "help"
    menu_label = gettext_lazy("Complaints")
    url_prefix = "complaints"
    name = "complaints_admin"
    add_to_admin_menu = True
    list_display = [
        "part",
        "reason",
        DateColumn("opened_at", label=gettext_lazy("opened at")),
        DateColumn("answer_due_at", label=gettext_lazy("answer due")),
        Column("state", label=gettext_lazy("state"), accessor=_state),
        "outcome",
    ]
    list_filter = ["state", "reason", "outcome"]
    list_export = ["part", "reason", "state", "opened_at", "answer_due_at", "answered_at",
                   "proposal", "proposed_vnd", "outcome", "refund_vnd", "decision",
                   "resolved_at"]  # fmt: skip
    export_filename = "khieu-nai"
    form_fields = ["decision"]  # never editable (ComplaintsPolicy); the viewset asks for some
    inspect_view_fields = ["part", "reason", "text", "state", "opened_at", "answer_due_at",
                           "answer", "proposal", "proposed_vnd", "answered_at", "outcome",
                           "refund_vnd", "refund", "decision", "decided_by", "resolved_at"]  # fmt: skip

    def get_queryset(self, request):
        return Complaint.objects.select_related("part__order", "part__producer")

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/decide/", DecideView.as_view(), name="decide"),
        ]
