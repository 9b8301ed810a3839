from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import permissions
from .admin_views import ProducerViewSet


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
        reverse("producers_admin:index") + "?status=submitted",
        icon_name="tasks",
        order=205,
    )
