from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from marketplace.admin_panels import WorkPanel

from . import services
from .admin_views import ReviewViewSet
from .models import Review


@hooks.register("register_admin_viewset")
def register_review_viewset():
    return ReviewViewSet()


def _queue(request):
    reported = Review.objects.filter(
        Q(reports__handled_at=None, reports__isnull=False), hidden_at=None
    ).distinct()
    return [(_("Reported reviews"), reported, f"{reverse('reviews_admin:index')}?reported=true")]


@hooks.register("construct_homepage_panels")
def add_reviews_panel(request, panels):
    if services.can_moderate(request.user):
        panels.append(WorkPanel("reviews", _("Reviews"), _queue, order=43))
