import os

from .base import *  # noqa: F403
from .base import env_list

DEBUG = os.environ.get("DEBUG", "1") == "1"
SECRET_KEY = (
    os.environ.get("SECRET_KEY") or "django-insecure-local-development-key-not-for-production"
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")

# The demo serves two provinces (make run shows both): Đồng Tháp and Vĩnh Long.
SERVED_PROVINCES = [
    int(code) for code in os.environ.get("SERVED_PROVINCES", "82,86").split(",") if code.strip()
]
