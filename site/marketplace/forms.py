from django import forms
from django.utils.translation import gettext_lazy as _

from . import validation


class ReasonForm(forms.Form):
    """The reason an official gives for a moderation decision; the producer reads it."""

    reason = forms.CharField(
        label=_("Reason"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_reason(self):
        return validation.plain_text(self.cleaned_data["reason"])
