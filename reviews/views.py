"""The buyer writes a review from the order's secret link (as the order page); anyone may
report one; the producer reads and answers its reviews in the portal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from marketplace.same_origin import posted_from_this_site
from marketplace.throttling import too_many_message, wait_seconds
from orders.models import Order, OrderLine
from orders.services import can_manage_part
from producers.models import Producer

from . import services
from .forms import AnswerForm, ReportForm, ReviewForm
from .models import Review


@never_cache
def write(request, code, secret, line):
    order = get_object_or_404(Order, code=code, secret=secret)
    line = get_object_or_404(  # a line of this order only
        OrderLine.objects.select_related("part__order", "product"), pk=line, part__order=order
    )
    refused = services.why_not(line, request.user)
    form = ReviewForm(request.POST, request.FILES) if request.method == "POST" else ReviewForm()
    if request.method == "POST" and not refused and form.is_valid():
        try:
            services.write_review(line, request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you: your review is on the product's page."))
            return redirect(order)
    status = 200 if request.method == "GET" or not (refused or form.errors) else 400
    return render(request, "reviews/write.html",
                  {"order": order, "line": line, "form": form, "refused": refused},
                  status=status)  # fmt: skip


@posted_from_this_site
@require_POST
def report(request, pk):
    review = get_object_or_404(Review.objects.filter(hidden_at=None), pk=pk)
    form = ReportForm(request.POST)
    seconds = wait_seconds(request, "review_report")
    if seconds:
        messages.error(request, too_many_message(seconds))
    elif form.is_valid():
        services.report(review, request.user, **form.cleaned_data)
        messages.success(request, _("Thank you. An official will read this review."))
    else:
        messages.error(request, _("Choose a reason for the report."))
    return redirect(review.product.get_absolute_url())


@never_cache
@login_required
def producer_reviews(request):
    producers = Producer.objects.managed_by(request.user)
    reviews = (
        Review.objects.filter(producer__in=producers)
        .select_related("product", "producer")
        .prefetch_related("photos")[:200]
    )
    return render(request, "reviews/portal.html", {"reviews": reviews, "form": AnswerForm()})


@require_POST
@login_required
def answer(request, pk):
    review = get_object_or_404(Review.objects.select_related("line__part__producer"), pk=pk)
    if not can_manage_part(request.user, review.line.part):
        raise Http404  # another producer's review: not even its existence
    form = AnswerForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        services.answer(review, request.user, form.cleaned_data["text"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your answer is on the product's page."))
    return redirect("reviews:portal")
