"""The producer's side of identity: check it with VNeID (the identity provider) from the
portal; the provider sends the person back here with the answer."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import FormView

from producers import permissions
from producers.models import Producer
from producers.views.mixins import ManagedProducerMixin

from . import identity, providers
from .forms import InPersonCheckForm

PRODUCER_KEY = "identity_producer"


class IdentityView(ManagedProducerMixin, FormView):
    """The producer's identity; a digital-team helper records an in-person check here."""

    template_name = "compliance/portal/identity.html"
    form_class = InPersonCheckForm

    def can_check(self):
        return identity.can_check_in_person(self.request.user, self.producer)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            current=identity.current_check(self.producer),
            online=providers.backend().configured,
            can_check=self.can_check(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not self.can_check():
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        data = {name: value for name, value in form.cleaned_data.items() if name != "seen"}
        try:
            identity.record_in_person(self.producer, self.request.user, **data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Identity checked and recorded."))
        return redirect("compliance:identity", self.producer.pk)


def _return_url(request):
    return request.build_absolute_uri(reverse("compliance:identity_return"))


@require_POST
@login_required
def start_online_check(request, pk):
    producer = get_object_or_404(Producer, pk=pk)
    if not permissions.can_edit(request.user, producer):
        raise Http404
    try:
        address = providers.backend().start(request.session, _return_url(request))
    except providers.IdentityProviderError as error:
        messages.error(request, str(error))
        return redirect("compliance:identity", pk)
    request.session[PRODUCER_KEY] = producer.pk
    return redirect(address)


@require_GET
@login_required
def online_check_returned(request):
    producer = Producer.objects.filter(pk=request.session.pop(PRODUCER_KEY, None) or 0).first()
    if producer is None or not permissions.can_edit(request.user, producer):
        messages.error(request, _("This answer is not for the check you started. Start again."))
        return redirect("producers:portal")
    try:
        claims = providers.backend().finish(request.session, request.GET, _return_url(request))
        identity.record_from_provider(
            producer,
            request.user,
            subject=str(claims["sub"]),
            full_name=str(claims.get("name", "")),
            citizen_id=str(claims.get(settings.IDENTITY_OIDC_ID_CLAIM, "")),
        )
    except (providers.IdentityProviderError, ValidationError, PermissionDenied) as error:
        message = error.messages[0] if isinstance(error, ValidationError) else str(error)
        messages.error(request, message or _("The identity check did not go through."))
        return redirect("compliance:identity", producer.pk)
    messages.success(request, _("Your identity is checked."))
    return redirect("compliance:identity", producer.pk)
