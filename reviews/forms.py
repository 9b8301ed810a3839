from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace import validation
from marketplace.fields import PhotosField

from .models import MAX_PHOTOS, MAX_TEXT, ReportReason

STARS = [(count, "★" * count) for count in range(5, 0, -1)]


class ReviewForm(forms.Form):
    stars = forms.TypedChoiceField(
        label=_("Stars"), choices=STARS, coerce=int, widget=forms.RadioSelect,
        error_messages={"required": _("Choose 1 to 5 stars."),
                        "invalid_choice": _("Choose 1 to 5 stars.")},
    )  # fmt: skip
    text = forms.CharField(label=_("Your review"), max_length=MAX_TEXT, required=False,
                           widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip
    photos = PhotosField(MAX_PHOTOS, label=_("Photos (up to 3)"))

    def clean_text(self):
        return validation.plain_text(self.cleaned_data["text"])


class AnswerForm(forms.Form):
    text = forms.CharField(label=_("Your answer"), max_length=MAX_TEXT,
                           widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip

    def clean_text(self):
        return validation.plain_text(self.cleaned_data["text"])


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=ReportReason.choices,
                               widget=forms.RadioSelect)  # fmt: skip
    details = forms.CharField(label=_("Details"), required=False, max_length=1000,
                              widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip

    def clean_details(self):
        return validation.plain_text(self.cleaned_data["details"])


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Why it is hidden (the buyer is told)"), max_length=500,
                             widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip

    def clean_reason(self):
        return validation.plain_text(self.cleaned_data["reason"])
