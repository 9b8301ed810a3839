from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from marketplace import jurisdiction
from marketplace.admin_panels import WorkPanel
from producers import permissions as producer_permissions
from producers.admin_views import INSPECT_SECTIONS

from . import identity, takedowns
from .admin_views import ComplianceViewSetGroup, ExpiredIdentitiesView, card_photo


@hooks.register("register_admin_viewset")
def register_compliance_viewsets():
    return ComplianceViewSetGroup()


@hooks.register("register_admin_urls")
def register_compliance_urls():
    return [
        path("identity/expired/", ExpiredIdentitiesView.as_view(), name="identity_expired"),
        path("identity/<int:pk>/card-photo/", card_photo, name="identity_card_photo"),
    ]


@hooks.register("register_log_actions")
def register_compliance_log_actions(actions):
    actions.register_action("compliance.identity_checked", _("Identity checked"),
                            _("Identity of the representative checked"))  # fmt: skip
    actions.register_action("compliance.takedown_recorded", _("Takedown recorded"),
                            _("Takedown request recorded; listings hidden"))  # fmt: skip
    actions.register_action("compliance.takedown_lifted", _("Takedown lifted"),
                            _("Takedown request lifted; listings visible again"))  # fmt: skip
    actions.register_action("compliance.seller_suspended", _("Suspended for violations"),
                            _("Seller suspended for repeated violations"))  # fmt: skip


@hooks.register(INSPECT_SECTIONS)
def identity_section(request, producer):
    return render_to_string(
        "compliance/admin/producer_identity.html",
        {
            "checks": producer.identity_checks.select_related("checked_by")[:5],
            "current": identity.current_check(producer),
            "violations": producer.violations.all()[:20],
            "can_check": identity.can_check_in_person(request.user, producer),
            "producer": producer,
        },
        request=request,
    )


def _clocks(request):
    rows = [
        (f"{takedown.document_number} · {takedown.agency} · {takedown.get_state_display()}",
         _clock(takedown), reverse("takedowns_admin:inspect", args=[takedown.pk]))
        for takedown in jurisdiction.limit(request.user, takedowns.open_clocks()).order_by(
            "-received_at"
        )[:10]
    ]  # fmt: skip
    return rows or [(_("No takedown request in the last 7 days"), 0,
                     reverse("takedowns_admin:index"))]  # fmt: skip


def _clock(takedown):
    if takedown.done_at:
        taken = takedown.done_at - takedown.received_at
        return _("done in %(hours)s h") % {"hours": round(taken.total_seconds() / 3600, 1)}
    left = takedown.time_left.total_seconds() / 3600
    return _("%(hours)s h left") % {"hours": round(left, 1)}


@hooks.register("construct_homepage_panels")
def add_compliance_panels(request, panels):
    if takedowns.can_record(request.user) or request.user.has_perm("compliance.view_takedown"):
        panels.append(WorkPanel("takedowns", _("Takedown requests"), _clocks, order=40))
    if producer_permissions.can_moderate(request.user):
        panels.append(WorkPanel("identities", _("Seller identity"), lambda request: [
            (_("Identity checks run out (verified producers)"),
             identity.needing_a_new_check(), reverse("identity_expired")),
        ], order=55))  # fmt: skip
