from django.urls import path

from . import views

app_name = "compliance"

urlpatterns = [
    path("cua-toi/nha-san-xuat/<int:pk>/danh-tinh/", views.IdentityView.as_view(), name="identity"),
    path(
        "cua-toi/nha-san-xuat/<int:pk>/danh-tinh/vneid/",
        views.start_online_check,
        name="identity_start",
    ),
    path("cua-toi/danh-tinh/vneid/ve/", views.online_check_returned, name="identity_return"),
]
