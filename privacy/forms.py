from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.consents import ASKED_AT_SIGN_UP
from accounts.models import ConsentPurpose


class ConsentsForm(forms.Form):
    """The purposes a person may take back at any time (the account's own purpose ends
    with the account: deletion)."""

    notifications = forms.BooleanField(label=ConsentPurpose.NOTIFICATIONS.label, required=False)
    marketing = forms.BooleanField(label=ConsentPurpose.MARKETING.label, required=False)

    def answers(self):
        return {purpose: self.cleaned_data[purpose] for purpose in ASKED_AT_SIGN_UP}


class ErasureForm(forms.Form):
    sure = forms.BooleanField(
        label=_("I understand: my account is closed and my name and phone are removed"),
        error_messages={"required": _("Tick the box to confirm the deletion request.")},
    )


class RefusalForm(forms.Form):
    reason = forms.CharField(label=_("Why it is refused"), max_length=500)
