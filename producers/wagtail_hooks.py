from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from marketplace.admin_panels import WorkPanel

from . import permissions
from .admin_views import ProducerViewSet, verification_queue_url
from .models import Producer, ProducerChange, VerificationStatus


@hooks.register("register_admin_viewset")
def register_producer_viewset():
    return ProducerViewSet()


class ModerationQueueMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.can_moderate(request.user)


@hooks.register("register_admin_menu_item")
def register_moderation_queue():
    return ModerationQueueMenuItem(
        _("Verification queue"),
        verification_queue_url(),
        icon_name="tasks",
        order=205,
    )


def _waiting(request):
    pending_changes = Producer.objects.filter(
        Exists(ProducerChange.objects.filter(producer=OuterRef("pk"), decided_at=None))
    )
    return [
        (_("Producers waiting for verification"),
         Producer.objects.filter(status=VerificationStatus.SUBMITTED),
         verification_queue_url()),
        (_("Changes waiting for approval"), pending_changes,
         reverse("producers_admin:index") + "?pending_changes=true"),
    ]  # fmt: skip


@hooks.register("construct_homepage_panels")
def add_verification_panel(request, panels):
    if permissions.can_moderate(request.user):
        panels.append(WorkPanel("verification", _("Waiting for you"), _waiting, order=50))
