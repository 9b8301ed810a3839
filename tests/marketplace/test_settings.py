import os
import subprocess
import sys
from pathlib import Path

import pytest

from marketplace.formatting import format_vnd

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# Long and varied enough for production's own check of the key.
GOOD_KEY = "k7#pQ2v!Lx9z@Wm4rT8u$Ye1bN6c^Hd3Fg5Js0Ka*Zq-Vw+Xo=Pi~Ul&Er)Ty"
SERVICE_VARIABLES = ("DATABASE_URL", "ELASTICSEARCH_URL", "STRIPE_API_BASE", "SECRET_KEY")
# Keys for sellers' ID numbers (a Fernet key, and the lookup hash's), needed by production.
IDENTITY = {
    "IDENTITY_KEYS": "x9Vb3m0yqkJ3oQy0Hn8kqgKJkCkXrM5m0vD0bC7e2Ww=",
    "IDENTITY_HASH_KEY": "hash-key-of-the-tests-0123456789",
}


def manage(*args, **env):
    base_env = {k: v for k, v in os.environ.items() if k not in SERVICE_VARIABLES}
    base_env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_ROOT,
        env={**base_env, **IDENTITY, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key_and_allowed_hosts():
    result = manage("check", DJANGO_ENV="production")

    assert result.returncode == 1
    message = result.stderr.strip()
    assert "SECRET_KEY" in message
    assert "ALLOWED_HOSTS" in message
    assert "Traceback" not in message
    assert len(message.splitlines()) == 1


def test_production_names_only_the_missing_setting():
    result = manage("check", DJANGO_ENV="production", SECRET_KEY="k7#pQ2v!Lx9z" * 5)

    assert result.returncode == 1
    assert "ALLOWED_HOSTS" in result.stderr
    assert "SECRET_KEY" not in result.stderr


@pytest.mark.parametrize("missing", ["IDENTITY_KEYS", "IDENTITY_HASH_KEY"])
def test_production_needs_the_keys_of_sellers_id_numbers(missing):
    result = manage("check", DJANGO_ENV="production", SECRET_KEY=GOOD_KEY,
                    ALLOWED_HOSTS="cho.vn", **{missing: ""})  # fmt: skip

    assert result.returncode == 1
    assert missing in result.stderr and "Traceback" not in result.stderr


def test_production_refuses_an_identity_key_that_is_not_a_fernet_key():
    result = manage("check", DJANGO_ENV="production", SECRET_KEY=GOOD_KEY,
                    ALLOWED_HOSTS="cho.vn", IDENTITY_KEYS="change-me")  # fmt: skip

    assert result.returncode == 1
    assert "IDENTITY_KEYS" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "key", ["short-key", "x" * 60, "django-insecure-" + "k7#pQ2v!Lx9z" * 5, "change-me"]
)
def test_production_refuses_a_short_or_default_secret_key(key):
    result = manage("check", DJANGO_ENV="production", SECRET_KEY=key, ALLOWED_HOSTS="cho.vn")

    assert result.returncode == 1
    assert "SECRET_KEY" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("count", [None, "0"])
def test_production_refuses_to_count_every_client_as_nginx(count):
    result = manage(
        "check", DJANGO_ENV="production", SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="cho.vn", SITE_URL="https://cho.vn",
        **({"PROXY_COUNT": count} if count is not None else {}),
    )  # fmt: skip

    assert result.returncode == 1
    assert "PROXY_COUNT" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("site_url", [None, "http://cho.vn"])
def test_production_needs_the_https_address_links_are_built_from(site_url):
    result = manage(
        "check", DJANGO_ENV="production", SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="cho.vn", PROXY_COUNT="1", **({"SITE_URL": site_url} if site_url else {}),
    )  # fmt: skip

    assert result.returncode == 1
    assert "SITE_URL" in result.stderr and "Traceback" not in result.stderr


def test_make_run_builds_links_from_its_own_host_and_port():
    makefile = (PROJECT_ROOT / "Makefile").read_text()
    assert "run: export SITE_URL ?= http://$(HOST):$(PORT)" in makefile


def test_the_admin_calls_no_outside_address_and_offers_only_vietnams_time():
    from django.conf import settings

    assert settings.WAGTAIL_ENABLE_UPDATE_CHECK is False
    assert settings.WAGTAIL_USER_TIME_ZONES == ["Asia/Ho_Chi_Minh"]


def test_the_shipped_deployment_and_stack_count_their_nginx():
    env_example = (PROJECT_ROOT / "deploy" / "env.example").read_text().splitlines()
    stack = (PROJECT_ROOT / "scripts" / "stack.sh").read_text().splitlines()
    assert "PROXY_COUNT=1" in env_example and "PROXY_COUNT=1" in stack


def test_the_environment_file_is_never_committed():
    assert ".env" in (PROJECT_ROOT / ".gitignore").read_text().splitlines()


def test_production_passes_the_deploy_checks_without_warnings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_ENV="production",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="cho.example.vn",
        PROXY_COUNT="1",
        SITE_URL="https://cho.example.vn",
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_database_url_selects_the_database(tmp_path):
    database = tmp_path / "other.sqlite3"

    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.db import connection; print(connection.settings_dict['NAME'])",
        DATABASE_URL=f"sqlite:///{database}",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(database)


def test_embedded_default_uses_sqlite_and_database_search():
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.WAGTAILSEARCH_BACKENDS['default']['BACKEND'], "
        "s.EMAIL_BACKEND, s.LANGUAGE_CODE, s.TIME_ZONE)",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "wagtail.search.backends.database",
        "django.core.mail.backends.console.EmailBackend",
        "vi",
        "Asia/Ho_Chi_Minh",
    ]


def test_prices_are_whole_dong_with_dots():
    assert format_vnd(150000) == "150.000\u00a0₫"
    assert format_vnd(1_250_000) == "1.250.000\u00a0₫"
    assert format_vnd(0) == "0\u00a0₫"
