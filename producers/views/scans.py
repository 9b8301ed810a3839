"""Certificate scans, for the producer's own members and officials only."""

from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from marketplace.storage import attachment_response

from .. import permissions
from ..models import Certification


@require_GET
@login_required
def certificate_scan(request, pk):
    certification = get_object_or_404(
        Certification.objects.select_related("producer").exclude(scan=""), pk=pk
    )
    producer = certification.producer
    if not (
        permissions.oversees(request.user, producer) or permissions.can_edit(request.user, producer)
    ):
        raise Http404  # a stranger does not learn that the scan exists
    extension = Path(certification.scan.name).suffix
    return attachment_response(
        certification.scan.open("rb"),
        f"chung-nhan-{certification.kind}-{certification.pk}{extension}",
    )
