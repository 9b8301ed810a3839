from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.fields import PhotoField
from marketplace.validation import plain_text


class InPersonCheckForm(forms.Form):
    """What an official or digital-team member reads off the chip ID card."""

    full_name = forms.CharField(
        label=_("Full name on the ID card"), max_length=120, validators=[plain_text]
    )
    citizen_id = forms.CharField(
        label=_("Citizen ID number (12 digits)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    card_expires_on = forms.DateField(
        label=_("ID card valid until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Blank for a card without an expiry date."),
    )
    tax_code = forms.CharField(
        label=_("Tax code (HTX or enterprise)"), max_length=20, required=False
    )
    business_registration = forms.CharField(
        label=_("Business registration number"),
        max_length=30,
        required=False,
        validators=[plain_text],
    )
    card_photo = PhotoField(
        label=_("Photo of the ID card (optional, kept private)"), required=False
    )
    seen = forms.BooleanField(
        label=_("I saw the chip ID card of this person, and the photo on it is theirs")
    )


class TakedownForm(forms.Form):
    agency = forms.CharField(label=_("Authority"), max_length=200, validators=[plain_text])
    document_number = forms.CharField(
        label=_("Document number"), max_length=60, validators=[plain_text]
    )
    document_date = forms.DateField(
        label=_("Document date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    received_at = forms.DateTimeField(
        label=_("Received at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("When the request reached the marketplace. Blank: now."),
    )
    reason = forms.CharField(
        label=_("Reason given"), max_length=500, validators=[plain_text], widget=forms.Textarea
    )
    listings = forms.CharField(
        label=_("Listings named"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Their addresses or slugs, one a line."),
    )
    sellers = forms.CharField(
        label=_("Sellers named"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Their page addresses or slugs, one a line: every listing of theirs is hidden."
        ),
    )


class LiftForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the listings may return"), max_length=500, validators=[plain_text]
    )
