from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic import DeleteView, EditView

from .jurisdiction import holds


class HeldAreaForm(WagtailAdminModelForm):
    """An admin form whose `province` and `commune` must be an area the official holds
    whole (a province sets its communes' targets; nobody gives themselves more)."""

    def clean(self):
        cleaned = super().clean()
        commune, province = cleaned.get("commune"), cleaned.get("province")
        if commune and province:
            raise ValidationError(_("Choose a commune or a province, not both."))
        if not holds(self.for_user, commune=commune, province=province):
            raise ValidationError(_("You can only choose an area you are responsible for."))
        return cleaned


class HeldAreaOnly:
    """For the edit and delete views of rows with an area: only who holds that area whole
    changes them (a commune sees its province's targets, and cannot change them)."""

    def get_object(self, *args, **kwargs):
        instance = super().get_object(*args, **kwargs)
        if self.request.method == "POST" and not holds(
            self.request.user, commune=instance.commune_id, province=instance.province_id
        ):
            raise PermissionDenied
        return instance


class HeldAreaEditView(HeldAreaOnly, EditView):
    pass


class HeldAreaDeleteView(HeldAreaOnly, DeleteView):
    pass
