from django.urls import path

from .views import assisted, portal, public, scans

app_name = "producers"

urlpatterns = [
    path("cua-toi/", portal.PortalView.as_view(), name="portal"),
    path("cua-toi/nha-san-xuat/moi/", portal.StartProducerView.as_view(), name="start"),
    path("cua-toi/nha-san-xuat/<int:pk>/buoc/<int:step>/", portal.StepView.as_view(), name="step"),
    path(
        "cua-toi/ho-tro/dang-ky-ho/",
        assisted.RegisterHouseholdView.as_view(),
        name="register_household",
    ),
    path(
        "cua-toi/nha-san-xuat/<int:pk>/ma-nhan/",
        assisted.NewClaimCodeView.as_view(),
        name="new_claim_code",
    ),
    path(
        "cua-toi/giay-chung-nhan/<int:pk>/",
        scans.certificate_scan,
        name="certificate_scan",
    ),
    path("nhan-tai-khoan/", assisted.ClaimAccountView.as_view(), name="claim"),
    path("nha-san-xuat/<slug:slug>/", public.ProducerDetailView.as_view(), name="detail"),
]
