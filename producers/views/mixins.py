from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404

from .. import permissions
from ..models import Producer


class ManagedProducerMixin(LoginRequiredMixin):
    """A view on one producer the user manages; anyone else gets a 404, not a hint it exists."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.producer = get_object_or_404(Producer, pk=kwargs["pk"])
        if not permissions.can_edit(request.user, self.producer):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            producer=self.producer,
            on_behalf=permissions.acts_on_behalf(self.request.user, self.producer),
            **kwargs,
        )
