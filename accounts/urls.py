from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views

app_name = "accounts"

urlpatterns = [
    path("dang-ky/", views.SignUpView.as_view(), name="sign_up"),
    path("dang-ky/xac-nhan/", views.SignUpConfirmView.as_view(), name="sign_up_confirm"),
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("cua-toi/quy-che-moi/", views.accept_regulations, name="accept_regulations"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("quen-mat-khau/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "quen-mat-khau/xac-nhan/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_phone_confirm",
    ),
    path(
        "quen-mat-khau/email/",
        views.EmailPasswordResetView.as_view(
            template_name="accounts/password_reset_email_form.html",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset_email",
    ),
    path(
        "quen-mat-khau/da-gui/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:login"),
        ),
        name="password_reset_confirm",
    ),
]
