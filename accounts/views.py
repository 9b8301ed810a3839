from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.urls import reverse_lazy
from django.views.generic import FormView

from marketplace.throttling import ThrottledFormMixin

from .forms import PhoneAuthenticationForm, SignUpForm
from .services import create_farmer_account


class SignUpView(ThrottledFormMixin, FormView):
    throttle = "sign_up"
    template_name = "accounts/sign_up.html"
    form_class = SignUpForm
    success_url = reverse_lazy("producers:start")

    def form_valid(self, form):
        user = create_farmer_account(form.cleaned_data["phone"], form.cleaned_data["password1"])
        login(self.request, user, backend="accounts.backends.PhoneBackend")
        return super().form_valid(form)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = PhoneAuthenticationForm
    redirect_authenticated_user = True


class PasswordResetView(ThrottledFormMixin, auth_views.PasswordResetView):
    throttle = "password_reset"


def locked_out(request, credentials, *args, **kwargs):
    """django-axes: too many wrong passwords for this phone from this address."""
    from django.conf import settings

    from marketplace.throttling import too_many_message

    form = PhoneAuthenticationForm(request, data=request.POST or None)
    form.is_bound = False
    response = render(
        request,
        "accounts/login.html",
        {"form": form, "lockout_message": too_many_message(settings.AXES_COOLOFF_TIME * 3600)},
        status=429,
    )
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME * 3600))
    return response
