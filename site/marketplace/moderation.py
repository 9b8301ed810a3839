"""A Wagtail admin view that applies one moderation action, with a reason, through a service."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from . import jurisdiction
from .forms import ReasonForm


class ModerationActionView(View):
    model = None
    # {"action name": function(instance, user, reason)}; rules live in the functions.
    actions = {}
    url_namespace = None

    def has_permission(self, user):
        raise NotImplementedError

    def success_message(self, instance):
        return _("Done: %(name)s.") % {"name": instance}

    def post(self, request, pk):
        if not self.has_permission(request.user):
            raise PermissionDenied
        instance = jurisdiction.get_or_404(request.user, self.model._default_manager.all(), pk=pk)
        action = self.actions.get(request.POST.get("action"))
        form = ReasonForm(request.POST)
        if action is None or not form.is_valid():
            messages.error(request, _("Choose an action and write the reason without HTML."))
            return redirect(f"{self.url_namespace}:inspect", pk)
        try:
            action(instance, request.user, form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(f"{self.url_namespace}:inspect", pk)
        messages.success(request, self.success_message(instance))
        return redirect(self.success_url())

    def success_url(self):
        return reverse(f"{self.url_namespace}:index")
