from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.views.generic import FormView

from .forms import PhoneAuthenticationForm, SignUpForm
from .services import create_farmer_account


class SignUpView(FormView):
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
