"""What the site holds about a person, told by each app that holds some of it.

Each app registers in AppConfig.ready() what it keeps about a person (`export`: name ->
rows, each a dict of plain values), how to make it anonymous (`erase`, run inside the
erasure's transaction), what must be settled first (`blocks`: the reasons, in words
the person reads) and the other names and numbers the person is known by (`identifies`:
a farm's name and phone), so that every app finds them wherever they are written. The privacy app, above them all, gathers them for the data download
and carries out deletion requests (Law 91/2025/QH15, "Personal data" in the README).
"""

from dataclasses import dataclass

ERASED_NAME = "Đã xóa theo yêu cầu"


@dataclass(frozen=True)
class Person:
    """Who the data is about, as known before anything is erased: the account, and every
    phone, e-mail address and name they are known by."""

    user: object
    phones: frozenset = frozenset()
    emails: frozenset = frozenset()
    names: frozenset = frozenset()


@dataclass(frozen=True)
class Holder:
    export: object
    erase: object
    blocks: object = None
    identifies: object = None


_holders = []


def holds(*, export, erase, blocks=None, identifies=None):
    """export(person) -> {name: rows}; erase(person); blocks(person) -> [reason, ...];
    identifies(user) -> (names, phones, emails) it knows the person by."""
    _holders.append(Holder(export, erase, blocks, identifies))


def person(user):
    names, phones, emails = {user.get_full_name()}, {user.phone}, {user.email}
    for holder in _holders:
        if holder.identifies:
            more_names, more_phones, more_emails = holder.identifies(user)
            names |= set(more_names)
            phones |= set(more_phones)
            emails |= set(more_emails)
    return Person(
        user=user,
        phones=frozenset(filter(None, phones)),
        emails=frozenset(filter(None, emails)),
        names=frozenset(name for name in names if name and len(name.strip()) > 2),
    )


def gather(someone):
    sections = {}
    for holder in _holders:
        sections.update(holder.export(someone))
    return sections


def blockers(someone):
    return [reason for holder in _holders if holder.blocks for reason in holder.blocks(someone)]


def erase(someone):
    # The apps above first: they find their rows through the apps below (a complaint
    # through the order, found by the buyer's phone that orders then blank).
    for holder in reversed(_holders):
        holder.erase(someone)
