from django import forms
from django.contrib.auth.forms import SetPasswordMixin
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.consents import ASKED_AT_SIGN_UP
from accounts.forms import PhoneField
from accounts.models import ConsentPurpose
from accounts.services import phone_is_registered
from areas.models import Commune
from areas.services import commune_for_old_address
from marketplace import jurisdiction, validation
from marketplace.fields import MultipleFileField, PhotoField, filterable_select
from marketplace.photos import store_checked_photo

from . import services
from .models import Certification, CertificationKind, Producer, ProducerPhoto

MAX_FARM_PHOTOS = 6


class PlainTextFieldsMixin:
    plain_text_fields = ()

    def clean(self):
        cleaned = super().clean()
        for name in self.plain_text_fields:
            if cleaned.get(name):
                try:
                    cleaned[name] = validation.plain_text(cleaned[name])
                except ValidationError as error:
                    self.add_error(name, error)
        return cleaned


class WhoForm(PlainTextFieldsMixin, forms.ModelForm):
    phone = PhoneField(label=_("Phone number"))
    zalo_phone = PhoneField(label=_("Zalo number"), required=False)
    plain_text_fields = ("display_name", "legal_name", "representative")

    class Meta:
        model = Producer
        fields = [
            "kind",
            "display_name",
            "legal_name",
            "representative",
            "phone",
            "zalo_phone",
            "email",
        ]
        widgets = {"kind": forms.RadioSelect}


class HouseholdRegistrationForm(WhoForm):
    """What a digital-team member fills in for a household; its phone becomes its login.
    The household agrees on a signed paper form, whose scan is kept (Law 91/2025/QH15)."""

    paper_form = forms.FileField(
        label=_("The household's signed consent form (photo or PDF)"),
        help_text=_(
            "The household signs the printed regulations and privacy notice; "
            "take a photo of the signed page."
        ),
        error_messages={"required": _("Upload the photo of the signed consent form.")},
    )
    notifications = forms.BooleanField(label=ConsentPurpose.NOTIFICATIONS.label, required=False)
    marketing = forms.BooleanField(label=ConsentPurpose.MARKETING.label, required=False)

    def clean_paper_form(self):
        return validation.scanned_document(self.cleaned_data["paper_form"])

    def producer_fields(self):
        return {name: self.cleaned_data[name] for name in self._meta.fields}

    def consent_answers(self):
        return {purpose: self.cleaned_data[purpose] for purpose in ASKED_AT_SIGN_UP}

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        if phone_is_registered(phone):
            raise ValidationError(_("This phone number is already registered."), code="phone_taken")
        return phone


class WhereForm(PlainTextFieldsMixin, forms.ModelForm):
    commune = forms.ModelChoiceField(
        label=_("Commune or ward"),
        queryset=Commune.objects.none(),
        required=False,
        error_messages={
            "invalid_choice": _("This commune is not in our province. Choose one from the list.")
        },
        widget=filterable_select(),
    )
    old_address = forms.CharField(
        label=_("Or your address before July 2025"),
        help_text=_("e.g. Xã Hòa Khánh, Huyện Cái Bè, Tiền Giang: we find the new commune."),
        required=False,
        max_length=255,
    )
    plain_text_fields = ("address", "old_address")

    class Meta:
        model = Producer
        fields = ["commune", "address", "latitude", "longitude"]
        widgets = {
            "latitude": forms.NumberInput(
                attrs={"data-geolocate": "", "data-geolocate-label": _("Use where I am now")}
            )
        }

    def __init__(self, *args, helper=None, **kwargs):
        """`helper`: the digital-team member filling it in for a household, who registers
        households only in the communes they work in."""
        super().__init__(*args, **kwargs)
        communes = Commune.objects.served().select_related("legacy_district")
        self.fields["commune"].queryset = (
            communes if helper is None else jurisdiction.limit(helper, communes)
        )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("commune") and cleaned.get("old_address"):
            commune = commune_for_old_address(cleaned["old_address"])
            if commune is None or not self.fields["commune"].queryset.filter(pk=commune.pk):
                self.add_error(
                    "old_address",
                    _(
                        "We could not find this address in our province. Choose the commune from the list."
                    ),
                )
            cleaned["commune"] = commune
        if not cleaned.get("commune") and not self.has_error("old_address"):
            self.add_error("commune", _("Choose your commune or ward."))
        return cleaned


class MultipleImageField(MultipleFileField):
    """Several photos in one input; each is checked like any Wagtail image upload."""

    def clean(self, data, initial=None):
        image_field = PhotoField(required=False)
        return [image_field.clean(upload) for upload in super().clean(data, initial)]


class WhatForm(PlainTextFieldsMixin, forms.ModelForm):
    logo_upload = PhotoField(label=_("Logo or a photo of you"), required=False)
    farm_photos = MultipleImageField(label=_("Farm photos"), required=False)
    plain_text_fields = ("main_products",)

    class Meta:
        model = Producer
        fields = ["main_products", "story"]
        widgets = {"story": forms.Textarea(attrs={"rows": 6})}

    def clean_story(self):
        return validation.simple_html(self.cleaned_data["story"])

    def clean_farm_photos(self):
        photos = self.cleaned_data["farm_photos"]
        if len(photos) + self.instance.photos.count() > MAX_FARM_PHOTOS:
            raise ValidationError(
                _("At most %(count)s farm photos.") % {"count": MAX_FARM_PHOTOS}, code="too_many"
            )
        return photos

    def save(self, commit=True):
        # Photos are turned upright and stripped of EXIF (GPS) like product photos.
        producer = super().save(commit)
        if self.cleaned_data.get("logo_upload"):
            producer.logo = store_checked_photo(
                self.cleaned_data["logo_upload"], producer.display_name
            )
            producer.save(update_fields=["logo"])
        for upload in self.cleaned_data.get("farm_photos") or []:
            image = store_checked_photo(upload, producer.display_name)
            ProducerPhoto.objects.create(producer=producer, image=image)
        return producer


class CertificationForm(PlainTextFieldsMixin, forms.ModelForm):
    document_upload = forms.FileField(
        label=_("Scan of the certificate (PDF or photo, at most 10 MB)"), required=False
    )
    plain_text_fields = ("number", "issuer")

    class Meta:
        model = Certification
        fields = ["kind", "ocop_stars", "number", "issuer", "expires_on"]
        widgets = {"expires_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def clean_expires_on(self):
        expires_on = self.cleaned_data["expires_on"]
        if expires_on and expires_on < timezone.localdate():
            raise ValidationError(
                _("This certificate expired on %(date)s. Only valid certificates can be shown.")
                % {"date": expires_on.strftime("%d/%m/%Y")},
                code="expired",
            )
        return expires_on

    def clean_document_upload(self):
        upload = self.cleaned_data.get("document_upload")
        return validation.scanned_document(upload) if upload else upload

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == CertificationKind.OCOP and not cleaned.get("ocop_stars"):
            self.add_error("ocop_stars", _("How many OCOP stars?"))
        if cleaned.get("kind") != CertificationKind.OCOP:
            cleaned["ocop_stars"] = None
        return cleaned

    def save(self, commit=True):
        certification = super().save(commit=False)
        scan = self.cleaned_data.get("document_upload")
        if scan:
            certification.scan = scan
        if commit:
            certification.save()
        return certification


CertificationFormSet = forms.inlineformset_factory(
    Producer,
    Certification,
    form=CertificationForm,
    extra=1,
    can_delete=True,
    max_num=10,
)


class ClaimForm(SetPasswordMixin, forms.Form):
    code = forms.CharField(
        label=_("Claim code"),
        max_length=20,
        widget=forms.TextInput(attrs={"data-from-fragment": "", "autocomplete": "off"}),
    )
    password1, password2 = SetPasswordMixin.create_password_fields()

    def clean(self):
        cleaned = super().clean()
        self.validate_passwords()
        claim = services.find_claim(cleaned.get("code", ""))
        if claim is not None:
            self.validate_password_for_user(claim.user)
        return cleaned
