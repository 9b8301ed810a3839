from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from marketplace.admin_panels import WorkPanel

from . import businesses
from .admin_views import BusinessViewSet, StandingOrderViewSet
from .models import Business, BusinessStatus


@hooks.register("register_admin_viewset")
def register_business_viewset():
    return BusinessViewSet()


@hooks.register("register_admin_viewset")
def register_standing_order_viewset():
    return StandingOrderViewSet()


def _waiting(request):
    url = reverse("business_buyers:index")
    return [
        (
            _("Business buyers waiting to be checked"),
            Business.objects.filter(status=BusinessStatus.PENDING),
            f"{url}?status={BusinessStatus.PENDING}",
        )
    ]


@hooks.register("construct_homepage_panels")
def add_business_panel(request, panels):
    if request.user.has_perm(businesses.REVIEW_PERMISSION):
        panels.append(WorkPanel("business_buyers", _("Business buyers"), _waiting, order=46))
