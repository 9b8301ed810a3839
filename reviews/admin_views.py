"""Officials moderate reviews in the Wagtail admin: the reported queue, a review with its
photos and reports, hide it with a reason (the buyer is told) or show it again."""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.permissions import register_permission_policy

from marketplace import jurisdiction
from marketplace.inspect import ReadableInspectView
from marketplace.jurisdiction import ModelViewSet
from marketplace.spreadsheets import SafeExportIndexView
from payments.admin_views import WrittenByServicesPolicy

from . import services
from .forms import HideForm
from .models import Review


class ReviewsPolicy(WrittenByServicesPolicy):
    denied = {"add", "change", "delete"}


register_permission_policy(Review, ReviewsPolicy(Review))


class ReviewFilterSet(WagtailFilterSet):
    reported = django_filters.BooleanFilter(
        label=gettext_lazy("reported, not yet handled"), method="filter_reported"
    )
    hidden = django_filters.BooleanFilter(
        label=gettext_lazy("hidden"), field_name="hidden_at", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = Review
        fields = ["stars"]

    def filter_reported(self, queryset, name, value):
        open_reports = Q(reports__handled_at=None, reports__isnull=False)
        return queryset.filter(open_reports) if value else queryset.exclude(open_reports)


class ReviewInspectView(ReadableInspectView):
    template_name = "reviews/admin/inspect.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_moderate=services.can_moderate(self.request.user),
            hide_form=HideForm(),
            reports=self.object.reports.all(),
            **kwargs,
        )


def _moderation(step, done):
    class StepView(View):
        def post(self, request, pk):
            if not services.can_moderate(request.user):
                raise PermissionDenied
            review = jurisdiction.get_or_404(request.user, Review.objects.all(), pk=pk)
            try:
                step(review, request)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, done())
            return redirect("reviews_admin:inspect", pk)

    return StepView.as_view()


def _hide(review, request):
    form = HideForm(request.POST)
    if not form.is_valid():
        raise ValidationError([e for errors in form.errors.values() for e in errors])
    services.hide(review, request.user, form.cleaned_data["reason"])


def _state(review):
    if review.is_hidden:
        return _("Hidden")
    return _("Reported") if review.open_reports else _("Shown")


class ReviewViewSet(ModelViewSet):
    model = Review
    index_view_class = SafeExportIndexView
    inspect_view_enabled = True
    inspect_view_class = ReviewInspectView
    filterset_class = ReviewFilterSet
    icon = "pick"
    menu_label = gettext_lazy("Reviews")
    url_prefix = "reviews"
    name = "reviews_admin"
    add_to_admin_menu = True
    list_display = [
        "product",
        "stars",
        "author_name",
        DateColumn("created_at", label=gettext_lazy("written at")),
        Column("state", label=gettext_lazy("state"), accessor=_state),
    ]
    list_export = ["product", "producer", "stars", "text", "author_name", "created_at",
                   "answer", "answered_at", "hidden_at", "hidden_reason"]  # fmt: skip
    export_filename = "danh-gia"
    form_fields = ["hidden_reason"]  # never editable (ReviewsPolicy); the viewset asks for some
    inspect_view_fields = ["product", "producer", "line", "stars", "text", "author_name",
                           "created_at", "answer", "answered_at", "hidden_at",
                           "hidden_reason", "hidden_by"]  # fmt: skip

    def get_queryset(self, request):
        return Review.objects.select_related("product", "producer").annotate(
            open_reports=Count("reports", filter=Q(reports__handled_at=None))
        )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/hide/", _moderation(_hide, lambda: _("Hidden; the buyer is told.")),
                 name="hide"),
            path("<int:pk>/show/", _moderation(lambda review, request: services.show(
                review, request.user), lambda: _("Shown; its reports are handled.")), name="show"),
        ]  # fmt: skip
