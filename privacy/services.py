"""The data subject's rights, carried out: a copy of everything held about them, and
deletion (personal data anonymised; the records the law keeps stay, naming nobody)."""

import csv
import io
import json
import zipfile
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace import personal_data
from marketplace.formatting import format_local_datetime
from marketplace.spreadsheets import neutralise_formula
from notifications import outbox
from producers.notifications import in_vietnamese

from .models import DataRequest, PrivacyDeadlines, RequestKind, RequestState


def can_handle(user):
    return user.has_perm("privacy.handle_datarequest")


def download(user):
    """A ZIP of everything held about the person: one JSON file, and a CSV per kind of
    record for a spreadsheet. The request is recorded, answered at once."""
    now = timezone.now()
    DataRequest.objects.create(
        user=user,
        kind=RequestKind.DOWNLOAD,
        state=RequestState.DONE,
        received_at=now,
        due_at=now,
        done_at=now,
    )
    sections = personal_data.gather(personal_data.person(user))
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr(
            "du-lieu-cua-toi.json",
            json.dumps(sections, ensure_ascii=False, indent=2, default=str),
        )
        for name, rows in sections.items():
            if rows:
                zipped.writestr(f"{name}.csv", _csv(rows))
    archive.seek(0)
    return archive


def _csv(rows):
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=list(rows[0]))
    writer.writeheader()
    for row in rows:
        writer.writerow({key: neutralise_formula(value) for key, value in row.items()})
    return "\ufeff" + text.getvalue()  # the mark tells spreadsheets it is UTF-8


def open_erasure(user):
    return user.data_requests.filter(kind=RequestKind.ERASURE, state=RequestState.RECEIVED).first()


def blockers_of(user):
    return personal_data.blockers(personal_data.person(user))


def _refuse_if_blocked(user):
    reasons = blockers_of(user)
    if reasons:
        raise ValidationError(" ".join(reasons), code="blocked")


@in_vietnamese
@transaction.atomic
def request_erasure(user):
    """The request, with its deadline, for officials to carry out; refused at once while
    something must be settled first (an open order, money owed)."""
    already = open_erasure(user)
    if already:
        return already
    _refuse_if_blocked(user)
    now = timezone.now()
    request = DataRequest.objects.create(
        user=user,
        kind=RequestKind.ERASURE,
        received_at=now,
        due_at=now + timedelta(hours=PrivacyDeadlines.load().erasure_hours),
    )
    _text(
        request,
        _("Chợ Nông Sản received your request to delete your data. It is carried out by "
          "%(due)s; after that this number receives no more messages from us.")
        % {"due": format_local_datetime(request.due_at)},
    )  # fmt: skip
    return request


@transaction.atomic
def carry_out(request, official):
    """Anonymise everything the apps hold about the person, in one transaction."""
    if not can_handle(official):
        raise PermissionDenied
    request = DataRequest.objects.select_for_update().get(pk=request.pk)
    if request.kind != RequestKind.ERASURE or request.state != RequestState.RECEIVED:
        raise ValidationError(_("This request was already answered."), code="answered")
    _refuse_if_blocked(request.user)
    personal_data.erase(personal_data.person(request.user))
    request.state, request.done_at, request.handled_by = RequestState.DONE, timezone.now(), official
    request.save(update_fields=["state", "done_at", "handled_by"])
    return request


@in_vietnamese
@transaction.atomic
def refuse(request, official, reason):
    if not can_handle(official):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why the request is refused."), code="no_reason")
    request = DataRequest.objects.select_for_update().get(pk=request.pk)
    if request.state != RequestState.RECEIVED:
        raise ValidationError(_("This request was already answered."), code="answered")
    request.state, request.done_at, request.handled_by = (
        RequestState.REFUSED,
        timezone.now(),
        official,
    )
    request.answer = reason[:500]
    request.save(update_fields=["state", "done_at", "handled_by", "answer"])
    _text(request, _("Chợ Nông Sản could not delete your data: %(reason)s") % {"reason": reason})
    return request


def _text(request, text):
    phone = request.user.phone
    if phone:
        key = f"data-request-{request.pk}-{request.state}"
        outbox.queue(outbox.message(key, "data_request", text, phone=phone))


def open_requests():
    return DataRequest.objects.filter(kind=RequestKind.ERASURE, state=RequestState.RECEIVED)
