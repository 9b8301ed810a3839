"""Demo site pages: a home page, an about page, news and a farmer guide."""

import datetime

from django.db import transaction
from wagtail.models import Page, Site

from .models import GuideIndexPage, GuidePage, HomePage, NewsIndexPage, NewsPage, StandardPage


def _paragraph(html):
    return ("paragraph", html)


@transaction.atomic
def create_site_pages():
    """Create the page tree once; return False if it already exists."""
    if HomePage.objects.exists():
        return False

    root = Page.get_first_root_node()
    # Wagtail's initial migration leaves a "Welcome" page as the site root.
    placeholder_pages = list(root.get_children().exact_type(Page))

    home = root.add_child(
        instance=HomePage(
            title="Chợ Nông Sản Đồng Tháp",
            title_en="Đồng Tháp farm produce market",
            slug="trang-chu",
            intro="Nông sản tươi từ hộ nông dân và hợp tác xã, mua trực tiếp tại nhà vườn.",
            body=[
                _paragraph(
                    "<p>Xoài cát Hòa Lộc, vú sữa Lò Rèn Vĩnh Kim, sầu riêng Ngũ Hiệp, "
                    "thanh long Chợ Gạo, xoài Cao Lãnh, sen Tháp Mười… Sàn giúp các hộ nông dân đưa sản phẩm lên mạng "
                    "và giúp người mua tìm đúng nhà vườn.</p>"
                ),
            ],
        )
    )
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.root_page = home
    site.site_name = "Chợ Nông Sản"
    site.hostname = site.hostname or "localhost"
    site.port = site.port or 80
    site.save()
    for page in placeholder_pages:
        page.delete()

    home.add_child(
        instance=StandardPage(
            title="Giới thiệu",
            title_en="About",
            slug="gioi-thieu",
            show_in_menus=True,
            intro="Sàn thương mại điện tử nông sản của tỉnh, mã nguồn mở.",
            body=[
                _paragraph(
                    "<p>Chợ Nông Sản kết nối hộ nông dân, hợp tác xã, tổ hợp tác với người mua "
                    "trong và ngoài tỉnh. Cán bộ theo dõi số sản phẩm và nhà sản xuất được "
                    "đưa lên sàn theo từng xã, ngành hàng và chứng nhận.</p>"
                )
            ],
        )
    )

    news_index = home.add_child(
        instance=NewsIndexPage(title="Tin tức", title_en="News", slug="tin-tuc", show_in_menus=True)
    )
    news_index.add_child(
        instance=NewsPage(
            title="Hội nghị chuyển đổi số nông nghiệp toàn tỉnh",
            slug="hoi-nghi-chuyen-doi-so-nong-nghiep",
            date=datetime.date(2026, 10, 15),
            intro="Hơn 2.300 sản phẩm nông nghiệp đã được đưa lên sàn thương mại điện tử.",
            body=[
                _paragraph(
                    "<p>Tại hội nghị, tỉnh báo cáo 263.400 hộ nông dân đã được tập huấn kỹ năng "
                    "số và 1.264 tổ công nghệ số cộng đồng với 8.123 thành viên đang hỗ trợ "
                    "người dân đưa sản phẩm lên mạng.</p>"
                )
            ],
        )
    )

    guide_index = home.add_child(
        instance=GuideIndexPage(
            title="Hướng dẫn cho nông dân",
            title_en="Guides for farmers",
            slug="huong-dan",
            show_in_menus=True,
        )
    )
    guide = guide_index.add_child(
        instance=GuidePage(
            title="Chụp ảnh sản phẩm đẹp bằng điện thoại",
            slug="chup-anh-san-pham-bang-dien-thoai",
            summary="Năm bước để người mua tin vào nông sản của bạn qua tấm ảnh.",
            body=[
                _paragraph(
                    "<ol><li>Chụp dưới ánh sáng tự nhiên, tránh nắng gắt buổi trưa.</li>"
                    "<li>Lau sạch ống kính điện thoại.</li>"
                    "<li>Đặt sản phẩm trên nền đơn giản: lá chuối, mặt bàn gỗ.</li>"
                    "<li>Chụp cả quả nguyên và quả cắt đôi.</li>"
                    "<li>Chụp nhà vườn để người mua biết nơi sản phẩm được trồng.</li></ol>"
                )
            ],
        )
    )

    home.save_revision().publish()
    return guide is not None
