from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordMixin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .phones import display_phone, parse_phone
from .services import phone_is_registered


class PhoneField(forms.CharField):
    """A Vietnamese phone number, cleaned to E.164."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"})
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return display_phone(value) if value and str(value).startswith("+84") else value

    def clean(self, value):
        value = super().clean(value)
        return parse_phone(value) if value else value


class SignUpForm(SetPasswordMixin, forms.Form):
    phone = PhoneField(label=_("Phone number"))
    password1, password2 = SetPasswordMixin.create_password_fields()

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        if phone_is_registered(phone):
            raise ValidationError(
                _("This phone number is already registered. Log in, or reset your password."),
                code="phone_taken",
            )
        return phone

    def clean(self):
        self.validate_passwords()
        return super().clean()


class PhoneAuthenticationForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Phone number"),
        widget=forms.TextInput(
            attrs={"autofocus": True, "inputmode": "tel", "autocomplete": "tel"}
        ),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Wrong phone number or password. Check them and try again."),
    }
