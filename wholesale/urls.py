from django.urls import path

from . import views

app_name = "wholesale"

urlpatterns = [
    path("cua-toi/mua-si/", views.home, name="home"),
    path("cua-toi/mua-si/dang-ky/", views.register, name="register"),
    path("cua-toi/mua-si/yeu-cau-moi/", views.request_new, name="request_new"),
    path("cua-toi/mua-si/yeu-cau/<int:pk>/", views.request_detail, name="request"),
    path("cua-toi/mua-si/yeu-cau/<int:pk>/dong/", views.request_close, name="request_close"),
    path("cua-toi/mua-si/bao-gia/<int:pk>/chon/", views.offer_accept, name="offer_accept"),
    path(
        "cua-toi/dat-dinh-ky/<int:pk>/<slug:action>/",
        views.standing_change,
        name="standing_change",
    ),
    path("cua-toi/yeu-cau-bao-gia/", views.producer_requests, name="producer_requests"),
    path("cua-toi/yeu-cau-bao-gia/<int:pk>/", views.producer_request, name="producer_request"),
    path("cua-toi/gia-si/<int:pk>/", views.product_tiers, name="tiers"),
]
