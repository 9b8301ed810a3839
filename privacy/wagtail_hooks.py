from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from marketplace.admin_panels import WorkPanel

from . import services
from .admin_views import PrivacyViewSetGroup, queue_rows


@hooks.register("register_admin_viewset")
def register_privacy_viewsets():
    return PrivacyViewSetGroup()


@hooks.register("construct_homepage_panels")
def add_privacy_panel(request, panels):
    if services.can_handle(request.user):
        panels.append(WorkPanel("personal_data", _("Personal data"), queue_rows, order=45))
