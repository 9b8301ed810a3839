from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import PERMISSION, ReleasePhoneView


@hooks.register("register_admin_urls")
def register_release_phone_url():
    return [path("so-dien-thoai/giai-phong/", ReleasePhoneView.as_view(), name="release_phone")]


class ReleasePhoneMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_settings_menu_item")
def register_release_phone_menu_item():
    return ReleasePhoneMenuItem(
        _("Release a phone number"), reverse("release_phone"), icon_name="mobile-alt", order=900
    )
