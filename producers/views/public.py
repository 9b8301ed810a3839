from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from accounts.phones import display_phone, phone_digits
from marketplace import page_cache, page_sections, structured_data

from .. import disclosure, permissions
from ..models import Producer
from ..services import page_tag

PRODUCTS_SHOWN = 24


class ProducerDetailView(DetailView):
    """The public profile; its owner and officials also see it before verification."""

    template_name = "producers/producer_detail.html"
    context_object_name = "producer"

    def get_object(self, queryset=None):
        producer = get_object_or_404(
            Producer.objects.select_related(
                "commune__legacy_district", "commune__province", "logo"
            ),
            slug=self.kwargs["slug"],
        )
        if not permissions.can_view(self.request.user, producer):
            raise Http404
        return producer

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if self.object.is_public:  # a preview before verification is never kept
            page_cache.tag(response, page_tag(self.object.pk))
        return response

    def get_context_data(self, **kwargs):
        producer = self.object
        photos = list(producer.photos.select_related("image"))
        share_image = producer.logo or (photos[0].image if photos else None)
        where = producer.commune.name if producer.commune_id else ""
        return super().get_context_data(
            certifications=producer.certifications.exclude(approved_at=None),
            photos=photos,
            share_image=share_image,
            meta_description=" · ".join(
                part for part in (producer.display_name, producer.main_products, where) if part
            ),
            products=producer.products.public().for_cards().order_by("-listed_at")[:PRODUCTS_SHOWN],
            phone_display=display_phone(producer.phone),
            phone_digits=phone_digits(producer.phone),
            zalo_digits=phone_digits(producer.zalo_phone),
            structured_data=self.producer_data(share_image),
            disclosure=disclosure.seller_facts(producer),
            sections=page_sections.render("producer", producer, self.request),
            **kwargs,
        )

    def producer_data(self, image=None):
        producer = self.object
        data = {
            "@context": "https://schema.org",
            "@type": "LocalBusiness",
            "name": producer.display_name,
            "url": self.request.build_absolute_uri(producer.get_absolute_url()),
            "telephone": producer.phone,
        }
        if producer.legal_name:
            data["legalName"] = producer.legal_name
        if producer.commune_id:
            data["address"] = {
                "@type": "PostalAddress",
                "streetAddress": producer.address,
                "addressLocality": producer.commune.name,
                "addressRegion": producer.commune.province.name,
                "addressCountry": "VN",
            }
        if image is not None:
            rendition = image.get_rendition("fill-800x600|format-jpeg")
            data["image"] = settings.SITE_URL + rendition.url
        if producer.latitude is not None and producer.longitude is not None:
            data["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(producer.latitude),
                "longitude": float(producer.longitude),
            }
        return structured_data.extended("producer", producer, data)
