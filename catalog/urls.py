from django.urls import path

from .views import portal, provinces, public

app_name = "catalog"

urlpatterns = [
    path("cua-toi/san-pham/", portal.ProductListView.as_view(), name="portal_list"),
    path(
        "cua-toi/san-pham/moi/<int:producer_pk>/",
        portal.ProductCreateView.as_view(),
        name="portal_create",
    ),
    path("cua-toi/san-pham/<int:pk>/sua/", portal.ProductEditView.as_view(), name="portal_edit"),
    path(
        "cua-toi/san-pham/<int:pk>/anh/", portal.ArrangePhotosView.as_view(), name="portal_photos"
    ),
    path(
        "cua-toi/san-pham/<int:pk>/cap-nhat-nhanh/",
        portal.QuickUpdateView.as_view(),
        name="portal_quick_update",
    ),
    path(
        "cua-toi/san-pham/<int:pk>/nhan-ban/",
        portal.ProductDuplicateView.as_view(),
        name="portal_duplicate",
    ),
    path(
        "cua-toi/san-pham/<int:pk>/<slug:action>/",
        portal.ProductStatusView.as_view(),
        name="portal_status",
    ),
    path("san-pham/<slug:slug>/", public.ProductDetailView.as_view(), name="product"),
    path("san-pham/<slug:slug>/bao-cao/", public.ReportListingView.as_view(), name="report"),
    path("san-pham/<slug:slug>/nhan.png", public.label_view, name="label"),
    path("danh-muc/<slug:slug>/", public.category_view, name="category"),
    path("tinh/", provinces.province_index, name="provinces"),
    path("tinh/<slug:slug>/", provinces.province_view, name="province"),
    path("xa/", public.commune_index, name="communes"),
    path("xa/<slug:slug>/", public.commune_view, name="commune"),
]
