"""Form fields shared by the apps."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.images.fields import WagtailImageField

from .formatting import format_quantity
from .parsing import plain_decimal


def filterable_select():
    """A select with a box above that filters it as you type, with or without accents
    ("cai be" keeps "Xã Cái Bè"): for the province's ~100 communes (enhance.js)."""
    label = _("Type to find your commune")
    return forms.Select(attrs={"data-filterable": "", "data-filter-label": label})


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; clean() returns a list (checked later, per file)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*"}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(upload, initial) for upload in uploads]


class QuantityField(forms.DecimalField):
    """A quantity typed with a decimal comma or point: '2,5' and '2.5' are both two and a half."""

    # A text box: number inputs refuse the decimal comma Vietnamese phones type.
    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def to_python(self, value):
        if isinstance(value, str) and value.strip():
            quantity = plain_decimal(value)
            if quantity is None:
                raise ValidationError(self.error_messages["invalid"], code="invalid")
            value = quantity
        return super().to_python(value)

    def prepare_value(self, value):
        return format_quantity(value) if value not in self.empty_values else value


class PhotoField(WagtailImageField):
    """Wagtail's image checks (type, size, pixel count), with messages a farmer understands."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Lazy: the field is made once, at import, before any language is active.
        self.help_text = format_lazy(
            _("JPEG, PNG, WebP or HEIC (a phone's photos), up to {size} MB."),
            size=self.max_upload_size // (1024 * 1024),
        )
        self.error_messages.update(
            {
                "invalid_image_extension": _(
                    "Choose a photo: JPEG, PNG, WebP or HEIC (from a phone) are accepted."
                ),
                "invalid_image_known_format": _(
                    "This file is named .%(extension)s but is a %(image_format)s file. Choose the photo again."
                ),
                "file_too_large": _(
                    "This photo is %(file_size)s; the limit is %(max_filesize)s. Choose a smaller one."
                ),
                "file_too_large_unknown_size": _("This photo is too large.")
                + " "
                + _("The limit is %(max_filesize)s.") % {"max_filesize": self.max_upload_size_text},
                "file_too_many_pixels": _(
                    "This image has too many pixels (%(num_pixels)s); the limit is %(max_pixels_count)s."
                ),
            }
        )

    def to_python(self, data):
        if data is not None and hasattr(data, "seek"):
            data.seek(0)
        try:
            return super().to_python(data)
        except (OSError, SyntaxError) as error:  # Willow loads the image; a cut-off file fails here
            raise ValidationError(
                _("This photo is damaged or incomplete. Take or choose it again."), code="broken"
            ) from error


class IdsChoiceField(forms.ModelMultipleChoiceField):
    """Several objects by id; an id that is not a plain whole number is refused before the
    database sees it (SQLite cannot even compare a 40-digit number)."""

    def _check_values(self, value):
        from .parsing import whole_number

        for item in value:
            if whole_number(str(item)) is None:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        return super()._check_values(value)


class PhotosField(MultipleFileField):
    """Up to `most` photos from one input, each through PhotoField's checks."""

    def __init__(self, most=3, **kwargs):
        self.most = most
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", PhotoField().help_text)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        photos = super().clean(data, initial)
        if len(photos) > self.most:
            raise ValidationError(
                _("Up to %(most)s photos.") % {"most": self.most}, code="too_many"
            )
        checker = PhotoField(required=False)
        return [checker.clean(photo) for photo in photos]
