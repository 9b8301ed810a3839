"""Buyers' pages: product, category and commune listings, reports and labels."""

from itertools import groupby

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView

from accounts.phones import display_phone, phone_digits
from areas.models import Commune
from marketplace import page_cache, page_sections, structured_data
from marketplace.formatting import format_vnd
from marketplace.same_origin import posted_from_this_site
from marketplace.structured_data import breadcrumb_list
from marketplace.throttling import too_many_message, wait_seconds
from producers import disclosure
from producers import permissions as producer_permissions

from .. import caching, labels, services, sorting
from ..forms import ReportForm
from ..models import Category, Product

PRODUCTS_PER_PAGE = 24


def visible_product(request, slug):
    """A public product; its managers and officials also see it unpublished, as a preview."""
    product = get_object_or_404(
        Product.objects.select_related(
            "producer__commune__province", "category", "origin_commune__province"
        ),
        slug=slug,
    )
    if product.is_public:
        return product
    user = request.user
    if services.can_manage(user, product) or producer_permissions.oversees(user, product.producer):
        return product
    raise Http404


class ProductDetailView(DetailView):
    template_name = "catalog/product_detail.html"
    context_object_name = "product"

    def get_object(self, queryset=None):
        return visible_product(self.request, self.kwargs["slug"])

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if self.object.is_public:  # a manager's preview of an unlisted product is never kept
            page_cache.tag(response, *caching.product_page(self.object))
        return response

    def get_context_data(self, **kwargs):
        product = self.object
        ancestors = list(product.category.get_ancestors())
        return super().get_context_data(
            photos=product.photos.select_related("image").prefetch_related("image__renditions"),
            ancestors=ancestors,
            breadcrumb_data=self.breadcrumb_data(ancestors),
            producer_certifications=product.producer.certifications.all(),
            phone_display=display_phone(product.producer.phone),
            phone_digits=phone_digits(product.producer.phone),
            zalo_digits=phone_digits(product.producer.zalo_phone),
            in_season=product.in_season(timezone.localdate().month),
            report_form=ReportForm(),
            can_manage=services.can_manage(self.request.user, product),
            structured_data=self.product_data(),
            sections=page_sections.render("product", product, self.request),
            disclosure=disclosure.seller_facts(product.producer),
            meta_description=" · ".join(
                [
                    product.name,
                    f"{format_vnd(product.price_vnd)}/{product.get_unit_display()}",
                    product.producer.display_name,
                ]
            ),
            **kwargs,
        )

    def product_data(self):
        product = self.object
        url = self.request.build_absolute_uri(product.get_absolute_url())
        availability = "InStock" if product.status == "active" else "OutOfStock"
        data = {
            "@context": "https://schema.org",
            "@type": "Product",
            "name": product.name,
            "url": url,
            "category": product.category.name,
            "brand": {"@type": "Organization", "name": product.producer.display_name},
            "offers": {
                "@type": "Offer",
                "price": product.price_vnd,
                "priceCurrency": "VND",
                "availability": f"https://schema.org/{availability}",
                "url": url,
                "seller": {"@type": "Organization", "name": product.producer.display_name},
            },
        }
        cover = product.cover
        if cover:
            rendition = cover.image.get_rendition("fill-800x600|format-jpeg")
            data["image"] = settings.SITE_URL + rendition.url
        if product.description:
            data["description"] = strip_tags(product.description)[:500]
        data["sku"] = str(product.pk)
        return structured_data.extended("product", product, data)

    def breadcrumb_data(self, ancestors):
        product = self.object
        return breadcrumb_list(
            [
                *_category_steps([*ancestors, product.category]),
                (product.name, product.get_absolute_url()),
            ]
        )


def _category_steps(categories):
    return [(_("Home"), "/")] + [
        (category.label, category.get_absolute_url()) for category in categories
    ]


def product_listing(request, products, template, context, tags):
    """A page of product cards; it shares the first card's photo and names its count;
    kept until a product of `tags` changes."""
    sort = sorting.chosen(request.GET)
    products = products.for_cards().order_by(*sorting.ORDERINGS[sort])
    page = Paginator(products, PRODUCTS_PER_PAGE).get_page(request.GET.get("page"))
    links = sorting.sort_links(request.GET, list(sorting.ORDERINGS), "newest")
    covers = (product.cover for product in page.object_list)
    response = render(
        request,
        template,
        {
            **context,
            "page_obj": page,
            "products": page.object_list,
            "sort_links": links,
            "share_image": next((cover.image for cover in covers if cover), None),
        },
    )
    shown = caching.products_shown(product.pk for product in page.object_list)
    return page_cache.tag(response, *caching.sorted_by(tags, sort, "newest"), *shown)


def category_view(request, slug):
    category = get_object_or_404(Category, slug=slug)
    products = Product.objects.public().filter(category__path__startswith=category.path)
    ancestors = list(category.get_ancestors())
    return product_listing(
        request,
        products,
        "catalog/category.html",
        {
            "category": category,
            "ancestors": ancestors,
            "children": category.get_children(),
            "breadcrumb_data": breadcrumb_list(_category_steps([*ancestors, category])),
        },
        caching.category_page(category),
    )


def commune_index(request):
    """Every commune of the province with its products on sale, under its former district
    (the names people still use for places)."""
    communes = (
        Commune.objects.served()
        .select_related("legacy_district")
        .annotate(product_count=Count("products", filter=Q(products__in=Product.objects.public())))
        .order_by(F("legacy_district__sort_key").asc(nulls_last=True), "sort_key")
    )
    districts = [
        (district, list(group))
        for district, group in groupby(communes, key=lambda commune: commune.legacy_district)
    ]
    response = render(request, "catalog/communes.html", {"districts": districts})
    return page_cache.tag(response, caching.CATALOGUE)


def commune_view(request, slug):
    commune = get_object_or_404(
        Commune.objects.served().select_related("legacy_district", "province"), slug=slug
    )
    products = Product.objects.public().filter(origin_commune=commune)
    steps = [
        (_("Home"), "/"),
        (commune.name, reverse("catalog:commune", kwargs={"slug": commune.slug})),
    ]
    return product_listing(
        request,
        products,
        "catalog/commune.html",
        {"commune": commune, "breadcrumb_data": breadcrumb_list(steps)},
        caching.commune_page(commune),
    )


@method_decorator(posted_from_this_site, name="dispatch")
class ReportListingView(View):
    def post(self, request, slug):
        product = get_object_or_404(Product.objects.public(), slug=slug)
        form = ReportForm(request.POST)
        seconds = wait_seconds(request, "listing_report")
        if seconds:
            messages.error(request, too_many_message(seconds))
        elif form.is_valid():
            services.report_listing(
                product, request.user, form.cleaned_data["reason"], form.cleaned_data["details"]
            )
            messages.success(request, _("Thank you. An official will look at this listing."))
        else:
            messages.error(request, _("Choose a reason for the report."))
        return redirect(product.get_absolute_url())


def label_view(request, slug):
    """A printable PNG label with a QR code to the product's page."""
    product = visible_product(request, slug)
    png = labels.render_label(product, request.build_absolute_uri(product.get_absolute_url()))
    response = HttpResponse(png, content_type="image/png")
    response["Content-Disposition"] = f'inline; filename="nhan-{product.slug}.png"'
    return response
