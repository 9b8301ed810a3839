"""Judged search relevance: a fixed catalogue with realistic look-alikes, and queries with
the products that should come first, as a buyer would judge them.

Look-alikes on purpose: a mango sold by "Vườn bưởi …"; "dừa" (coconut) and "dứa"
(pineapple) fold alike; several kinds of pomelo, mango and durian; a shrimp paste
that is not shrimp; a lotus tea that is tea.
"""

import unicodedata

import pytest
from django.utils import timezone

# key: (name, category slug, producer key, certifications, ocop stars)
PRODUCTS = {
    "xoai-vuon-buoi": ("Xoài cát Hòa Lộc loại 1", "xoai", "vuon-buoi", ["vietgap"], None),
    "buoi-da-xanh": ("Bưởi da xanh", "buoi", "vuon-buoi", ["vietgap"], None),
    "xoai-cat-chu": ("Xoài cát chu", "xoai", "htx-xoai", [], None),
    "xoai-cao-lanh": ("Xoài Cao Lãnh", "xoai", "htx-xoai", [], 4),
    "xoai-keo": ("Xoài keo xanh", "xoai", "htx-xoai", [], None),
    "dua-xiem": ("Dừa xiêm xanh", "dua", "vuon-dua", [], None),
    "dua-sap": ("Dừa sáp Trà Vinh", "dua", "vuon-dua", [], None),
    "khom": ("Khóm Tân Phước", "khom-dua", "htx-khom", [], 4),
    "dua-mat": ("Dứa mật", "khom-dua", "htx-khom", [], None),
    "sau-rieng-ri6": ("Sầu riêng Ri6", "sau-rieng", "vuon-sau-rieng", ["vietgap"], None),
    "sau-rieng-monthong": ("Sầu riêng Monthong", "sau-rieng", "vuon-sau-rieng", [], None),
    "buoi-nam-roi": ("Bưởi năm roi", "buoi", "vuon-co-co", [], None),
    "buoi-long": ("Bưởi lông Cổ Cò", "buoi", "vuon-co-co", [], 3),
    "tom-cang": ("Tôm càng xanh", "tom", "ao-tom", [], None),
    "tom-su": ("Tôm sú", "tom", "ao-tom", [], None),
    "mam-tom": ("Mắm tôm chà Gò Công", "mam", "co-so-mam", [], 3),
    "mam-ca-loc": ("Mắm cá lóc", "mam", "co-so-mam", [], None),
    "vu-sua": ("Vú sữa Lò Rèn Vĩnh Kim", "vu-sua", "vuon-vu-sua", ["vietgap"], None),
    "hu-tieu": ("Hủ tiếu Mỹ Tho khô", "hu-tieu-banh", "lo-hu-tieu", [], 3),
    "banh-phong-tom": ("Bánh phồng tôm", "hu-tieu-banh", "lo-hu-tieu", [], None),
    "hat-sen": ("Hạt sen tươi Tháp Mười", "dac-san-che-bien", "htx-sen", [], 4),
    "tra-sen": ("Trà tim sen", "dac-san-che-bien", "htx-sen", [], None),
    "quyt-hong": ("Quýt hồng Lai Vung", "trai-cay", "vuon-quyt", [], None),
    "nem": ("Nem Lai Vung", "dac-san-che-bien", "lo-nem", [], 3),
    "gao-st25": ("Gạo ST25", "gao-ngu-coc", "ruong-lua", [], None),
    "gao-jasmine": ("Gạo thơm Jasmine", "gao-ngu-coc", "ruong-lua", [], None),
    "dau-phong": ("Đậu phộng rang muối", "dac-san-che-bien", "to-dau-phong", [], None),
    "ga": ("Gà thả vườn", "gia-suc-gia-cam", "trai-ga", [], None),
    "thanh-long-do": ("Thanh long ruột đỏ", "thanh-long", "vuon-thanh-long", ["vietgap"], None),
    "thanh-long-trang": ("Thanh long ruột trắng", "thanh-long", "vuon-thanh-long", [], None),
    "chom-chom": ("Chôm chôm Java", "chom-chom", "vuon-chom-chom", [], None),
    "mit": ("Mít Thái", "mit", "vuon-mit", [], None),
    "ca-tra": ("Cá tra phi lê", "ca", "ao-ca", [], None),
    "ca-loc": ("Cá lóc đồng", "ca", "ao-ca", [], None),
    "rau-muong": ("Rau muống", "rau-cu", "vuon-rau", ["vietgap"], None),
    "so-ri": ("Sơ ri Gò Công", "so-ri", "vuon-so-ri", [], None),
}

# key: (display name, commune name)
PRODUCERS = {
    "vuon-buoi": ("Vườn bưởi Năm Hùng", "Xã Cái Bè"),
    "htx-xoai": ("HTX Xoài Mỹ Xương", "Phường Cao Lãnh"),
    "vuon-dua": ("Vườn dừa Tư Hiền", "Xã Tân Phú Đông"),
    "htx-khom": ("HTX Khóm Tân Phước", "Xã Tân Phước 1"),
    "vuon-sau-rieng": ("Vườn sầu riêng Ba Ngũ Hiệp", "Xã Ngũ Hiệp"),
    "vuon-co-co": ("Vườn Cổ Cò Sáu Tâm", "Xã Cái Bè"),
    "ao-tom": ("Ao tôm Út Tam Nông", "Xã Tam Nông"),
    "co-so-mam": ("Cơ sở mắm Bảy Gò Công", "Phường Gò Công"),
    "vuon-vu-sua": ("Vườn vú sữa Chín Vĩnh Kim", "Xã Kim Sơn"),
    "lo-hu-tieu": ("Lò hủ tiếu Mười Mỹ Tho", "Phường Mỹ Tho"),
    "htx-sen": ("HTX Sen Tháp Mười", "Xã Tháp Mười"),
    "vuon-quyt": ("Vườn quýt Hai Lai Vung", "Xã Lai Vung"),
    "lo-nem": ("Lò nem Tư Lai Vung", "Xã Lai Vung"),
    "ruong-lua": ("Ruộng lúa Năm Cai Lậy", "Phường Cai Lậy"),
    "to-dau-phong": ("Tổ hợp tác Đậu phộng Chợ Gạo", "Xã Chợ Gạo"),
    "trai-ga": ("Trại gà Thanh Bình", "Xã Thanh Bình"),
    "vuon-thanh-long": ("Vườn thanh long Út Chợ Gạo", "Xã Chợ Gạo"),
    "vuon-chom-chom": ("Vườn chôm chôm Tám", "Phường Cai Lậy"),
    "vuon-mit": ("Vườn mít Sáu", "Phường Cai Lậy"),
    "ao-ca": ("Ao cá Hồng Ngự", "Phường Hồng Ngự"),
    "vuon-rau": ("Vườn rau Mỹ Thọ", "Xã Mỹ Thọ"),
    "vuon-so-ri": ("Vườn sơ ri Gò Công", "Phường Gò Công"),
}

NFD = unicodedata.normalize("NFD", "Xoài cát Hòa Lộc")

# query: the products that should come first, best first (all of them are relevant).
QUERIES = {
    # Accented, as typed on a Vietnamese keyboard
    "xoài": ["xoai-cao-lanh", "xoai-cat-chu", "xoai-keo", "xoai-vuon-buoi"],
    "bưởi": ["buoi-da-xanh", "buoi-nam-roi", "buoi-long"],
    "dừa": ["dua-xiem", "dua-sap"],
    "dứa": ["dua-mat", "khom"],
    "sầu riêng": ["sau-rieng-ri6", "sau-rieng-monthong"],
    "tôm": ["tom-cang", "tom-su"],
    "cá lóc": ["ca-loc"],
    "vú sữa": ["vu-sua"],
    "thanh long ruột đỏ": ["thanh-long-do"],
    "gạo": ["gao-st25", "gao-jasmine"],
    "hạt sen": ["hat-sen"],
    "quýt hồng": ["quyt-hong"],
    "bưởi da xanh": ["buoi-da-xanh"],
    "bưởi năm roi": ["buoi-nam-roi"],
    # Without diacritics
    "xoai": ["xoai-cao-lanh", "xoai-cat-chu", "xoai-keo", "xoai-vuon-buoi"],
    "buoi": ["buoi-da-xanh", "buoi-nam-roi", "buoi-long"],
    "sau rieng": ["sau-rieng-ri6", "sau-rieng-monthong"],
    "xoai cat hoa loc": ["xoai-vuon-buoi"],
    "vu sua lo ren": ["vu-sua"],
    "thanh long": ["thanh-long-do", "thanh-long-trang"],
    "ca tra": ["ca-tra"],
    "hu tieu": ["hu-tieu"],
    "mam tom": ["mam-tom"],
    "chom chom": ["chom-chom"],
    "rau muong": ["rau-muong"],
    "ga tha vuon": ["ga"],
    "quyt hong lai vung": ["quyt-hong"],
    "tom cang xanh": ["tom-cang"],
    "buoi da xanh": ["buoi-da-xanh"],
    # Upper case and NFD
    "XOÀI CÁT CHU": ["xoai-cat-chu"],
    "BƯỞI NĂM ROI": ["buoi-nam-roi"],
    "SẦU RIÊNG": ["sau-rieng-ri6", "sau-rieng-monthong"],
    NFD: ["xoai-vuon-buoi"],
    unicodedata.normalize("NFD", "Bưởi da xanh"): ["buoi-da-xanh"],
    # Typos
    "xaoi": ["xoai-cao-lanh", "xoai-cat-chu", "xoai-keo", "xoai-vuon-buoi"],
    "xoai cat hoa lok": ["xoai-vuon-buoi"],
    "sau rien": ["sau-rieng-ri6", "sau-rieng-monthong"],
    "thanh logn": ["thanh-long-do", "thanh-long-trang"],
    "vu sua lo ren vinh kym": ["vu-sua"],
    "chom chomm": ["chom-chom"],
    "bươi da xanh": ["buoi-da-xanh"],
    # Local names (synonyms)
    "thơm": ["khom", "dua-mat"],
    "khóm": ["khom", "dua-mat"],
    "lạc": ["dau-phong"],
    "đậu phộng": ["dau-phong"],
    "trà sen": ["tra-sen"],
    # Place names
    "lai vung": ["quyt-hong", "nem"],
    "cao lanh": ["xoai-cao-lanh"],
    "go cong": ["mam-tom", "so-ri"],
    "my tho": ["hu-tieu"],
    "thap muoi": ["hat-sen"],
    "vinh kim": ["vu-sua"],
    # Producers
    "htx xoai my xuong": ["xoai-cao-lanh", "xoai-cat-chu", "xoai-keo"],
    "vuon dua tu hien": ["dua-xiem", "dua-sap"],
    "ao tom": ["tom-cang", "tom-su"],
    # Category words
    "mắm": ["mam-tom", "mam-ca-loc"],
    "chôm chôm": ["chom-chom"],
    "mít": ["mit"],
    # OCOP and certificates
    "nem lai vung ocop": ["nem"],
    "khom ocop": ["khom"],
    # Mixed Vietnamese and English
    "durian ri6": ["sau-rieng-ri6"],
    "sau rieng monthong": ["sau-rieng-monthong"],
    "mango": ["xoai-cao-lanh", "xoai-cat-chu", "xoai-keo", "xoai-vuon-buoi"],
    "pomelo": ["buoi-da-xanh", "buoi-nam-roi", "buoi-long"],
    "coconut": ["dua-xiem", "dua-sap"],
    "shrimp": ["tom-cang", "tom-su"],
    "st25": ["gao-st25"],
}


def create_catalogue(harvest_months=None):
    """The judged catalogue; returns {product pk: key}. harvest_months: {key: [months]}."""
    from areas.models import Commune
    from catalog.models import Category
    from marketplace.text import vietnamese_slug
    from tests.factories import ProducerFactory, ProductFactory

    kinds = {"HTX": "cooperative", "Tổ": "cooperative_group", "Cơ": "enterprise"}
    producers = {
        key: ProducerFactory(
            display_name=name,
            slug=vietnamese_slug(name),
            kind=kinds.get(name.split()[0], "household"),
            commune=Commune.objects.in_home_province().get(name=commune),
        )
        for key, (name, commune) in PRODUCERS.items()
    }
    categories = {category.slug: category for category in Category.objects.all()}
    now = timezone.now()
    keys = {}
    for position, (key, (name, category, producer, certifications, stars)) in enumerate(
        PRODUCTS.items()
    ):
        product = ProductFactory(
            producer=producers[producer],
            name=name,
            slug=key,
            category=categories[category],
            certifications=certifications,
            ocop_stars=stars,
            origin_commune=producers[producer].commune,
            listed_at=now - timezone.timedelta(minutes=position),
            photos=0,
        )
        if harvest_months and key in harvest_months:
            product.harvest_months = harvest_months[key]
            product.save()
        keys[product.pk] = key
    return keys


# Parametrise a fixture with these and pass its request to answer_from().
BACKENDS = [pytest.param("elasticsearch", marks=pytest.mark.elasticsearch), "database"]


def only_elasticsearch_answers(request, monkeypatch):
    """A test meant for Elasticsearch that passes on the database's answer proves nothing:
    the database answering fails it, unless the test is marked database_answers."""
    from search import fallback, queries

    def database_must_not_answer():
        raise AssertionError("the database answered a search meant for Elasticsearch")

    if not request.node.get_closest_marker("database_answers"):
        monkeypatch.setattr(
            queries,
            "elasticsearch_or_database",
            lambda elasticsearch, _database: fallback.elasticsearch_or_database(
                elasticsearch, database_must_not_answer
            ),
        )


def answer_from(request, settings):
    """Elasticsearch alone answers (its indices rebuilt from the database), or the
    database does; the backend of the fixture's parameter."""
    if request.param == "elasticsearch":
        from search import indexing

        only_elasticsearch_answers(request, request.getfixturevalue("monkeypatch"))
        indexing.rebuild()
    else:
        settings.ELASTICSEARCH_URL = ""
