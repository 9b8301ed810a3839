"""Demo accounts, one per role, with passwords made on first creation."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from .roles import DIGITAL_TEAM, FARMERS, OFFICIALS

DEMO_ACCOUNTS = [
    # username, role group, description, phone, name
    ("admin", None, "Quản trị viên (admin)", None, ("Quản trị", "")),
    ("canbo", OFFICIALS, "Cán bộ quản lý (official)", None, ("Lan", "Nguyễn Thị")),
    ("canbo_caibe", OFFICIALS, "Cán bộ xã Cái Bè (commune official)", None, ("Hùng", "Phạm Văn")),
    ("canbo_vinhlong", OFFICIALS, "Cán bộ tỉnh Vĩnh Long (official of the second province)",
     None, ("Mai", "Võ Thị")),
    ("nongdan", FARMERS, "Nông dân (farmer)", "+84912345678", ("Ba", "Lê Văn")),
    ("totcns", DIGITAL_TEAM, "Tổ công nghệ số cộng đồng (digital team)", "+84987654321",
     ("Thu", "Trần Thị")),
]  # fmt: skip


def create_demo_accounts():
    """Create missing demo accounts; return (username, password, description) of those created."""
    User = get_user_model()
    created = []
    for username, role, description, phone, (first_name, last_name) in DEMO_ACCOUNTS:
        if User.objects.filter(username=username).exists():
            continue
        password = secrets.token_urlsafe(9)
        user = User.objects.create_user(
            username=username,
            password=password,
            phone=phone,
            first_name=first_name,
            last_name=last_name,
            is_staff=role is None,
            is_superuser=role is None,
        )
        if role:
            user.groups.add(Group.objects.get(name=role))
        created.append((username, password, description))
    return created
