"""Certificate scans leave the public media folder for private storage.

Each scan uploaded before is checked and cleaned like a new upload and moved;
one that fails the checks (the HTML-behind-magic-bytes kind) is dropped.
"""

import logging

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import migrations, models

import marketplace.storage

logger = logging.getLogger(__name__)


def move_scans_to_private_storage(apps, schema_editor):
    from marketplace.validation import scanned_document

    Certification = apps.get_model("producers", "Certification")
    Document = apps.get_model("wagtaildocs", "Document")
    for certification in Certification.objects.exclude(document=None).select_related("document"):
        document = certification.document
        try:
            with document.file.open("rb") as source:
                upload = SimpleUploadedFile(document.file.name, source.read())
            certification.scan = scanned_document(upload)
        except (OSError, ValidationError) as error:
            logger.warning("Certificate scan %s dropped: %s", document.file.name, error)
        certification.save(update_fields=["scan"])
        document.file.delete(save=False)
        Document.objects.filter(pk=document.pk).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("producers", "0003_producer_kind_default"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        migrations.AddField(
            model_name="certification",
            name="scan",
            field=models.FileField(
                blank=True,
                storage=marketplace.storage.private_storage,
                upload_to="certificates",
                verbose_name="scanned document",
            ),
        ),
        migrations.RunPython(move_scans_to_private_storage, migrations.RunPython.noop),
        migrations.RemoveField(model_name="certification", name="document"),
    ]
