"""Officials give the people they work with their areas (the same as `manage.py grant_area`)."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy

from accounts.roles import DIGITAL_TEAM, OFFICIALS
from marketplace.jurisdiction import ModelViewSet

from .forms import HeldAreaDeleteView, HeldAreaEditView, HeldAreaForm
from .models import AreaGrant


class AreaGrantForm(HeldAreaForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Areas are for the people who work in them: officials and digital teams.
        self.fields["user"].queryset = (
            get_user_model().objects.filter(groups__name__in=(OFFICIALS, DIGITAL_TEAM)).distinct()
        )

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None and cleaned.get("user") is not None:
            taken = AreaGrant.objects.filter(
                user=cleaned["user"],
                commune=cleaned.get("commune"),
                province=cleaned.get("province"),
            )
            if taken.exists():
                self.add_error(None, gettext_lazy("This person holds this area already."))
        return cleaned


class AreaGrantViewSet(ModelViewSet):
    edit_view_class = HeldAreaEditView
    delete_view_class = HeldAreaDeleteView
    model = AreaGrant
    base_form_class = AreaGrantForm
    icon = "site"
    menu_label = gettext_lazy("Areas of work")
    menu_order = 900
    add_to_settings_menu = True
    url_prefix = "areas-of-work"
    name = "area_grants"
    list_display = ["user", "province", "commune", "granted_at"]
    list_filter = ["province"]
    list_export = ["user", "province", "commune", "granted_at"]
    export_filename = "khu-vuc-phu-trach"
    form_fields = ["user", "province", "commune"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "user__phone"]
    copy_view_enabled = False

    def get_queryset(self, request):
        return AreaGrant.objects.select_related("user", "province", "commune")
