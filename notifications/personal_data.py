"""What notifications keep about a person: the messages sent to them, and their name in
the messages sent to others (a buyer told "Vườn xoài Út Ba confirmed your order")."""

import json

from django.db.models import Q, TextField
from django.db.models.functions import Cast

from marketplace.personal_data import ERASED_NAME

from .models import Message, Preference


def _sent_to(person):
    return Message.objects.filter(Q(phone__in=person.phones) | Q(email__in=person.emails))


def _naming(person):
    named = Q(pk__in=[])
    for name in person.names:
        named |= Q(text__contains=name) | Q(subject__contains=name)
        # The Zalo template's fields, as the database writes JSON (SQLite escapes accents).
        for written in {name, json.dumps(name)[1:-1]}:
            named |= Q(zalo_text__contains=written)
    return Message.objects.annotate(zalo_text=Cast("zalo_data", TextField())).filter(named)


def export(person):
    return {
        "tin_nhan": [{
            "luc": message.created_at.isoformat(), "kenh": message.get_sent_channel_display(),
            "dien_thoai": message.phone, "email": message.email, "noi_dung": message.text,
        } for message in _sent_to(person)],
    }  # fmt: skip


def erase(person):
    _sent_to(person).delete()
    Preference.objects.filter(phone__in=person.phones).delete()
    # Longest names first: "Vườn xoài Út Ba" goes whole before "Út Ba" is looked for.
    names = sorted(person.names, key=len, reverse=True)
    for message in _naming(person).select_for_update():
        for name in names:
            message.text = message.text.replace(name, ERASED_NAME)
            message.subject = message.subject.replace(name, ERASED_NAME)
            message.zalo_data = {
                key: value.replace(name, ERASED_NAME) if isinstance(value, str) else value
                for key, value in message.zalo_data.items()
            }
        message.save(update_fields=["text", "subject", "zalo_data"])
