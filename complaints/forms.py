from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace import validation
from marketplace.fields import PhotosField
from marketplace.money import MoneyField

from .models import MAX_PHOTOS, Outcome, Reason


class ComplaintForm(forms.Form):
    reason = forms.ChoiceField(label=_("What is wrong"), choices=Reason.choices)
    text = forms.CharField(label=_("Tell what happened"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip
    photos = PhotosField(MAX_PHOTOS, label=_("Photos (up to 3)"))

    def clean_text(self):
        return validation.plain_text(self.cleaned_data["text"])


class AnswerForm(forms.Form):
    text = forms.CharField(label=_("Your answer to the buyer"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip
    proposal = forms.ChoiceField(label=_("You propose"), choices=Outcome.choices,
                                 widget=forms.RadioSelect)  # fmt: skip
    amount = MoneyField(label=_("Amount to give back, for a partial refund"), required=False)

    def clean_text(self):
        return validation.plain_text(self.cleaned_data["text"])


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    amount = MoneyField(label=_("Amount, for a partial refund"), required=False)
    note = forms.CharField(label=_("Why (the buyer and the producer read it)"), max_length=1000)
