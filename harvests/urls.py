from django.urls import path

from . import harvest_views, views

app_name = "harvests"

urlpatterns = [
    path("sap-thu-hoach/", views.upcoming, name="upcoming"),
    path("sap-thu-hoach/<int:pk>/", views.PreOrderView.as_view(), name="preorder"),
    path("cua-toi/thu-hoach/", views.PortalAnnouncementList.as_view(), name="portal_list"),
    path(
        "cua-toi/thu-hoach/moi/<int:product_pk>/",
        views.AnnouncementCreateView.as_view(),
        name="portal_create",
    ),
    path(
        "cua-toi/thu-hoach/<int:pk>/sua/", views.AnnouncementEditView.as_view(), name="portal_edit"
    ),
    path(
        "cua-toi/thu-hoach/<int:pk>/rut/",
        views.AnnouncementWithdrawView.as_view(),
        name="portal_withdraw",
    ),
    path(
        "cua-toi/thu-hoach/<int:pk>/da-thu-hoach/",
        harvest_views.AnnouncementHarvestView.as_view(),
        name="portal_harvest",
    ),
    path(
        "cua-toi/thu-hoach/<int:pk>/can/<int:preorder_pk>/",
        harvest_views.PreOrderWeighView.as_view(),
        name="portal_weigh",
    ),
    path(
        "don-hang/<str:code>/<str:secret>/tu-choi-can/<int:preorder_pk>/",
        harvest_views.refuse_weight,
        name="refuse_weight",
    ),
]
