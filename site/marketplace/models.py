"""Site-wide Wagtail pages: home, standard pages, news and farmer guides."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.forms import TextInput
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from . import page_cache
from .blocks import BodyBlock
from .text import localized_name

NEWS_PER_PAGE = 10


class SitePage(Page):
    """A page of the site's own content, written in Vietnamese.

    Only its title may have an English version (for menus and headings); on English
    pages the text says it is in Vietnamese."""

    title_en = models.CharField(
        _("title in English"),
        max_length=255,
        blank=True,
        help_text=_("Shown in menus and headings on English pages. Blank: the Vietnamese title."),
    )

    content_panels = Page.content_panels + [FieldPanel("title_en")]

    class Meta:
        abstract = True

    @property
    def label(self):
        return localized_name(self.title, self.title_en)

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if not self.get_view_restrictions():  # a page behind a password or a login is not kept
            shown = (
                response.context_data.get("page_tags", ())
                if hasattr(response, "context_data")
                else ()
            )
            page_cache.tag(response, *self.cache_tags, *shown)
        return response

    # What else the page shows, for the page cache (it is purged whenever a page is
    # published); a section added through a hook names its own in "page_tags".
    cache_tags = ()


HOME_PAGE_CONTEXT = "home_page_context"


class HomePage(SitePage):
    intro = models.CharField(_("introduction"), max_length=255, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = SitePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    cache_tags = (page_cache.CATALOGUE,)  # the catalogue's sections, through the hook below

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        """The apps above add their sections (catalog: products in season, featured, newest)
        through the "home_page_context" hook: fn(request, today) -> dict."""
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        for sections in hooks.get_hooks(HOME_PAGE_CONTEXT):
            context.update(sections(request, today))
        return context

    def latest_news(self, count=3):
        return NewsPage.objects.live().public().order_by("-date", "-pk")[:count]

    def latest_guides(self, count=3):
        return GuidePage.objects.live().public().order_by("-first_published_at")[:count]


class StandardPage(SitePage):
    intro = models.CharField(_("introduction"), max_length=255, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = SitePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")


class PolicyKind(models.TextChoices):
    # Decree 52/2013/NĐ-CP Articles 36-38 (as amended by Decree 85/2021/NĐ-CP): the
    # operating regulations published on the platform; Law 91/2025/QH15: the privacy notice.
    REGULATIONS = "regulations", _("Operating regulations")
    PRIVACY = "privacy", _("Privacy notice")


class PolicyPage(SitePage):
    """The operating regulations or the privacy notice, served at their fixed addresses
    (/quy-che/, /chinh-sach-du-lieu/); each published version keeps its revision."""

    kind = models.CharField(_("kind"), max_length=20, choices=PolicyKind.choices)
    version = models.CharField(
        _("version"),
        max_length=20,
        help_text=_("Raise it (e.g. 2027-01) when a change must be accepted again."),
    )
    effective_on = models.DateField(_("in force from"))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = SitePage.content_panels + [
        FieldPanel("kind"), FieldPanel("version"), FieldPanel("effective_on"), FieldPanel("body"),
    ]  # fmt: skip
    parent_page_types = ["marketplace.HomePage"]

    class Meta:
        verbose_name = _("regulations or privacy notice")


# The version of the texts that ship (templates/marketplace/policy_*.html), in force
# until an editor publishes the operator's own page.
SHIPPED_POLICY_VERSION = "2026-12"


def current_policy(kind):
    """The live page of that kind, the newest in force; None before an editor writes one."""
    return (
        PolicyPage.objects.live()
        .filter(kind=kind, effective_on__lte=timezone.localdate())
        .order_by("-effective_on", "-pk")
        .first()
    )


class NewsIndexPage(SitePage):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = SitePage.content_panels + [FieldPanel("intro")]
    subpage_types = ["marketplace.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("news index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = NewsPage.objects.child_of(self).live().public().order_by("-date", "-pk")
        context["news_page"] = Paginator(news, NEWS_PER_PAGE).get_page(request.GET.get("page"))
        return context


class NewsPage(SitePage):
    date = models.DateField(_("date"), default=timezone.localdate)
    intro = models.CharField(_("introduction"), max_length=255, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = SitePage.content_panels + [
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["marketplace.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")


class GuideIndexPage(SitePage):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = SitePage.content_panels + [FieldPanel("intro")]
    subpage_types = ["marketplace.GuidePage"]
    max_count = 1

    class Meta:
        verbose_name = _("guide index")

    def guides(self):
        return GuidePage.objects.child_of(self).live().public().order_by("title")


class GuidePage(SitePage):
    """A how-to for farmers, e.g. taking product photos with a phone."""

    summary = models.CharField(_("summary"), max_length=255, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = SitePage.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["marketplace.GuideIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("guide")
        verbose_name_plural = _("guides")


@register_setting(icon="site")
class ContactSettings(BaseSiteSetting):
    """Contact details shown in every page's footer."""

    hotline = models.CharField(_("hotline"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("contact details")


@register_setting(icon="home")
class MarketplaceIdentity(BaseGenericSetting):
    """The marketplace's name, the province it serves and the agency that runs it.

    Left blank, each falls back to the deployment's configuration (shown as the
    field's placeholder), so a fresh install already names the configured province."""

    name = models.CharField(
        _("marketplace name"),
        max_length=80,
        blank=True,
        help_text=_("Shown in every page's header and title."),
    )
    province = models.CharField(_("province served"), max_length=80, blank=True)
    agency = models.CharField(
        _("agency"),
        max_length=150,
        blank=True,
        help_text=_("The first line of the officials' spreadsheet reports."),
    )
    signer_title = models.CharField(
        _("title of the person who signs reports"),
        max_length=150,
        blank=True,
        help_text=_("Under the reports' signature line, e.g. “Giám đốc Sở Công Thương”."),
    )
    signer_name = models.CharField(
        _("name of the person who signs reports"), max_length=100, blank=True
    )

    panels = [
        FieldPanel("name", widget=TextInput(attrs={"placeholder": settings.MARKETPLACE_NAME})),
        FieldPanel(
            "province", widget=TextInput(attrs={"placeholder": settings.HOME_PROVINCE_NAME})
        ),
        FieldPanel("agency", widget=TextInput(attrs={"placeholder": settings.REPORT_AGENCY})),
        FieldPanel("signer_title"),
        FieldPanel("signer_name"),
    ]

    class Meta:
        verbose_name = _("marketplace identity")

    @property
    def site_name(self):
        return self.name or settings.MARKETPLACE_NAME

    @property
    def province_name(self):
        return self.province or settings.HOME_PROVINCE_NAME

    @property
    def agency_name(self):
        return self.agency or settings.REPORT_AGENCY

    @property
    def signer_title_text(self):
        return self.signer_title or _("Head of the agency")

    @property
    def full_name(self):
        """ "Chợ Nông Sản Đồng Tháp": the name with the province, for titles and headings."""
        return f"{self.site_name} {self.province_name}"
