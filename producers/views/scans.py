"""Certificate scans, for the producer's own members and officials only.

Always an attachment, with a sandboxing Content-Security-Policy and no type
sniffing, so even a file that slipped past the upload checks cannot run
script on the site's origin.
"""

import mimetypes
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from .. import permissions
from ..models import Certification


@require_GET
@login_required
def certificate_scan(request, pk):
    certification = get_object_or_404(
        Certification.objects.select_related("producer").exclude(scan=""), pk=pk
    )
    producer = certification.producer
    if not (permissions.is_official(request.user) or permissions.can_edit(request.user, producer)):
        raise Http404  # a stranger does not learn that the scan exists
    extension = Path(certification.scan.name).suffix
    response = FileResponse(
        certification.scan.open("rb"),
        as_attachment=True,
        filename=f"chung-nhan-{certification.kind}-{certification.pk}{extension}",
        content_type=mimetypes.guess_type(f"x{extension}")[0] or "application/octet-stream",
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
