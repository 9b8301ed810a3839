from django.urls import path

from . import views

app_name = "traceability"

urlpatterns = [
    path("truy-xuat/<str:code>/", views.lot_page, name="lot"),
    path("truy-xuat/<str:code>/nhan.png", views.lot_label, name="label"),
    path("01/<str:gtin>/10/<str:lot_code>", views.digital_link, name="digital_link"),
    path("cua-toi/lo-hang/<int:product_pk>/", views.portal_lots, name="portal_lots"),
]
