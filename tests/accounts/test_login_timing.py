"""A failed log-in costs the same password hashing whether the phone is registered or not."""

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class CountingHasher(MD5PasswordHasher):
    algorithm = "counting_md5"
    calls = 0

    def encode(self, password, salt):
        CountingHasher.calls += 1
        return super().encode(password, salt).replace("md5", self.algorithm, 1)

    def verify(self, password, encoded):
        CountingHasher.calls += 1
        return super().verify(password, encoded.replace(self.algorithm, "md5", 1))


def hashes_for(client, phone):
    CountingHasher.calls = 0
    response = client.post("/dang-nhap/", {"username": phone, "password": "sai-mat-khau"})
    assert response.status_code == 200  # refused, the form again
    return CountingHasher.calls


def test_unknown_and_registered_phones_cost_the_same_hashing(client, settings):
    settings.PASSWORD_HASHERS = ["tests.accounts.test_login_timing.CountingHasher"]
    UserFactory(username="+84912000009", phone="+84912000009")

    registered = hashes_for(client, "0912 000 009")
    unknown = hashes_for(client, "0912 000 008")
    malformed = hashes_for(client, "không phải số")

    assert registered == unknown == malformed > 0
