"""Officials free a phone number held by an account that never proved it owns it."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import services
from .forms import PhoneField
from .phones import display_phone

PERMISSION = "accounts.release_phone"


class ReleasePhoneForm(forms.Form):
    phone = PhoneField(label=gettext_lazy("Phone number to release"))


class ReleasePhoneView(WagtailAdminTemplateMixin, FormView):
    template_name = "accounts/admin/release_phone.html"
    form_class = ReleasePhoneForm
    page_title = gettext_lazy("Release a phone number")
    header_icon = "mobile-alt"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def form_valid(self, form):
        phone = form.cleaned_data["phone"]
        try:
            services.release_phone(phone, self.request.user)
        except ValidationError as error:
            form.add_error("phone", error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(phone)s is free: its owner can sign up, or a digital team register it.")
            % {"phone": display_phone(phone)},
        )
        return redirect("release_phone")
