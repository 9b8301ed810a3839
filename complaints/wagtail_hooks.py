from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from marketplace.admin_panels import WorkPanel
from producers.admin_views import INSPECT_SECTIONS
from producers.models import Producer

from . import services
from .admin_views import ComplaintViewSet
from .models import Complaint, State


@hooks.register("register_admin_viewset")
def register_complaint_viewset():
    return ComplaintViewSet()


@hooks.register(INSPECT_SECTIONS)
def complaint_figures(request, producer):
    counted = services.figures(Producer.objects.filter(pk=producer.pk)).get()
    return render_to_string("complaints/admin/producer_figures.html", {"producer": counted},
                            request=request)  # fmt: skip


def _queue(request):
    index = reverse("complaints_admin:index")
    return [
        (_("Complaints to mediate"), Complaint.objects.filter(state=State.MEDIATION),
         f"{index}?state=mediation"),
        (_("Waiting for the producer, past the deadline"),
         Complaint.objects.filter(state=State.OPEN, answer_due_at__lt=timezone.now()),
         f"{index}?state=open"),
    ]  # fmt: skip


@hooks.register("construct_homepage_panels")
def add_complaints_panel(request, panels):
    if services.can_mediate(request.user):
        panels.append(WorkPanel("complaints", _("Complaints"), _queue, order=42))
