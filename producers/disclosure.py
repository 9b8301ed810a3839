"""What buyers are told of the seller on its product and producer pages (Decree
52/2013/NĐ-CP Article 29, as amended by Decree 85/2021/NĐ-CP: name, address, contact
and, for a business, its registration), and from the apps above what they vouch for
(compliance: "Identity verified" and the method, the tax code they checked)."""

from django.utils.translation import gettext as _

from accounts.phones import display_phone

_facts = []


def add_facts(function):
    """function(producer) -> [(label, value)]; registered in an AppConfig.ready()."""
    _facts.append(function)


def seller_facts(producer):
    where = ", ".join(
        part
        for part in (
            producer.address,
            producer.commune.name if producer.commune_id else "",
            producer.commune.province.name if producer.commune_id else "",
        )
        if part
    )
    rows = [
        (_("Seller"), producer.legal_name or producer.display_name),
        (_("Kind"), producer.get_kind_display()),
        (_("Representative"), producer.representative),
        (_("Address"), where),
        (_("Phone"), display_phone(producer.phone)),
    ]
    for facts in _facts:
        rows.extend(facts(producer))
    return [(label, value) for label, value in rows if value]
