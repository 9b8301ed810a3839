import re

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, SetPasswordMixin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from . import guesses
from .consents import ASKED_AT_SIGN_UP
from .models import ConsentPurpose
from .phones import display_phone, parse_any_phone, parse_phone


class PhoneField(forms.CharField):
    """A Vietnamese phone number, cleaned to E.164 (international=True: any country's,
    written with its code, for buyers)."""

    def __init__(self, international=False, **kwargs):
        self.international = international
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"})
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return display_phone(value) if value and str(value).startswith("+84") else value

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        return parse_any_phone(value) if self.international else parse_phone(value)


class SignUpForm(SetPasswordMixin, forms.Form):
    BUY, SELL = "mua", "ban"
    kind = forms.ChoiceField(
        label=_("I sign up"),
        choices=[
            (BUY, _("to buy (orders, addresses, buying again)")),
            (SELL, _("to sell my produce (a farm, a cooperative)")),
        ],  # fmt: skip
        widget=forms.RadioSelect,
        initial=SELL,
        required=False,  # left out: to sell, as the page "Bán hàng" sends it
        help_text=_("A buyer can start selling later from the same account."),
    )
    phone = PhoneField(label=_("Phone number"))
    password1, password2 = SetPasswordMixin.create_password_fields()
    accept = forms.BooleanField(
        label=_("I have read and accept the operating regulations and the privacy notice"),
        error_messages={
            "required": _("To sign up, accept the regulations and the privacy notice.")
        },
    )
    notifications = forms.BooleanField(
        label=ConsentPurpose.NOTIFICATIONS.label, required=False, help_text=_("Optional.")
    )
    marketing = forms.BooleanField(
        label=ConsentPurpose.MARKETING.label, required=False, help_text=_("Optional.")
    )

    def consent_answers(self):
        return {purpose: self.cleaned_data[purpose] for purpose in ASKED_AT_SIGN_UP}

    def clean(self):
        # Whether the phone is registered is not said here (it would tell strangers):
        # the code step, and a text message to the phone's owner, take care of it.
        self.validate_passwords()
        self.validate_password_for_user(get_user_model()(username=self.cleaned_data.get("phone")))
        return super().clean()


class PhoneCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the text message (6 digits)"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
    )

    def clean_code(self):
        code = self.cleaned_data["code"].replace(" ", "")
        if not re.fullmatch(r"[0-9]{6}", code):
            raise ValidationError(_("The code is the 6 digits in the text message."), code="format")
        return code


class PhoneResetRequestForm(forms.Form):
    phone = PhoneField(label=_("Phone number of your account"))


class PhoneResetConfirmForm(SetPasswordMixin, PhoneCodeForm):
    password1, password2 = SetPasswordMixin.create_password_fields()

    def clean(self):
        self.validate_passwords()
        self.validate_password_for_user(get_user_model()())
        return super().clean()


class PhoneAuthenticationForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Phone number"),
        widget=forms.TextInput(
            attrs={"autofocus": True, "inputmode": "tel", "autocomplete": "tel"}
        ),
    )
    code = forms.CharField(
        label=_("Code sent to your phone"),
        required=False,
        max_length=6,
        widget=forms.HiddenInput,
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Wrong phone number or password. Check them and try again."),
        "code_needed": _(
            "Many wrong passwords were typed for this phone, from many places. We texted a "
            "code to it: type the code with your password."
        ),
        "wrong_code": _("The code is wrong or too old. Check the last text message."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if guesses.code_needed(self._phone(self.data.get("username"))):
            self.fields["code"].widget = forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}
            )

    @staticmethod
    def _phone(username):
        try:
            return parse_phone(username or "")
        except ValidationError:
            return ""

    def clean(self):
        phone = self._phone(self.cleaned_data.get("username"))
        if guesses.code_needed(phone):
            code = self.cleaned_data.get("code")
            if not code:
                guesses.send_login_code(phone)
                raise ValidationError(self.error_messages["code_needed"], code="code_needed")
            if not guesses.code_is_right(phone, code):
                raise ValidationError(self.error_messages["wrong_code"], code="wrong_code")
        return super().clean()


class AdminLoginForm(WagtailLoginForm):
    """Wagtail's sign-in form, whose password field has no translatable label."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")
        self.fields["remember"].label = _("Remember me")
