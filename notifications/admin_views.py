"""Officials read the delivery log in the admin: every message, its channel and status,
what the gateway answered, and the counts per day and channel."""

import datetime

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import DateColumn
from wagtail.admin.views.generic import IndexView

from marketplace import jurisdiction
from marketplace.inspect import ReadableInspectView
from marketplace.jurisdiction import ModelViewSet

from .models import Channel, Message, MessageStatus

COUNT_DAYS = 14


def daily_counts(today=None, days=COUNT_DAYS, messages=None):
    """[(date, {(channel, status): n})] for the last `days` days, newest first; of
    `messages` when given."""
    today = today or timezone.localdate()
    since = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=days - 1), datetime.time())
    )
    rows = (
        (Message.objects.all() if messages is None else messages)
        .filter(created_at__gte=since)
        .annotate(day=TruncDate("created_at"))
        .values("day", "sent_channel", "status")
        .annotate(n=Count("pk"))
    )
    counts = {}
    for row in rows:
        counts.setdefault(row["day"], {})[(row["sent_channel"], row["status"])] = row["n"]
    return sorted(counts.items(), reverse=True)


def daily_table(messages=None):
    """Rows of (day, [sent by each channel], failed, waiting), for the template."""
    return [
        (day, [per.get((channel.value, MessageStatus.SENT), 0) for channel in Channel],
         sum(n for (_c, status), n in per.items() if status == MessageStatus.FAILED),
         sum(n for (_c, status), n in per.items() if status in (MessageStatus.QUEUED, MessageStatus.SENDING)))
        for day, per in daily_counts(messages=messages)
    ]  # fmt: skip


class MessageIndexView(IndexView):
    """The messages, with the counts per day and channel above them."""

    template_name = "notifications/admin/index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            channels=Channel.choices,
            daily=daily_table(jurisdiction.limit(self.request.user, Message.objects.all())),
            **kwargs,
        )


class MessageInspectView(ReadableInspectView):
    template_name = "notifications/admin/inspect.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(log=self.object.log.all(), **kwargs)


class MessageViewSet(ModelViewSet):
    model = Message
    icon = "mail"
    menu_label = gettext_lazy("Messages sent")
    menu_order = 240
    add_to_admin_menu = True
    url_prefix = "notifications"
    name = "notifications_admin"
    index_view_class = MessageIndexView
    inspect_view_enabled = True
    inspect_view_class = MessageInspectView
    list_filter = ["status", "sent_channel", "event"]
    search_fields = ["phone", "key"]
    list_display = [
        DateColumn("created_at", label=gettext_lazy("created at")),
        "event",
        "phone",
        "status",
        "sent_channel",
        "attempts",
        "last_error",
    ]
    form_fields = ["status"]  # nobody has the change permission; officials only view
    inspect_view_fields = [
        "event", "phone", "email", "text", "status", "sent_channel", "attempts",
        "last_error", "created_at", "sent_at",
    ]  # fmt: skip
