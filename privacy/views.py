"""A signed-in person's own data: what they agreed to, a copy of everything held about
them (a ZIP), and the request to delete it (README, "Legal duties")."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import consents
from marketplace.formatting import format_local_datetime
from marketplace.storage import attachment_response

from . import services
from .forms import ConsentsForm, ErasureForm


@login_required
def my_data(request, consents_form=None, erasure_form=None):
    answers = consents.current_consents(request.user)
    return render(
        request,
        "privacy/my_data.html",
        {
            "consents_form": consents_form or ConsentsForm(initial=answers),
            "erasure_form": erasure_form or ErasureForm(),
            "open_erasure": services.open_erasure(request.user),
            "requests": request.user.data_requests.all()[:10],
        },
    )


@require_POST
@login_required
def download(request):
    archive = services.download(request.user)
    stamp = timezone.localdate().isoformat()
    return attachment_response(archive, f"du-lieu-cua-toi-{stamp}.zip")


@require_POST
@login_required
def change_consents(request):
    form = ConsentsForm(request.POST)
    if not form.is_valid():
        return my_data(request, consents_form=form)
    consents.record_consents(request.user, form.answers())
    messages.success(request, _("Your choices are recorded."))
    return redirect("privacy:my_data")


@require_POST
@login_required
def request_erasure(request):
    form = ErasureForm(request.POST)
    if not form.is_valid():
        return my_data(request, erasure_form=form)
    try:
        erasure = services.request_erasure(request.user)
    except ValidationError as error:
        form.add_error(None, error)
        return my_data(request, erasure_form=form)
    messages.success(request, _("Your request is received; it is carried out by %(due)s.")
                     % {"due": format_local_datetime(erasure.due_at)})  # fmt: skip
    return redirect("privacy:my_data")
