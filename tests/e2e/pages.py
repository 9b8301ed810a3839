"""Steps the browser journeys share."""


def log_in(page, base_url, username, password="mat-khau-123"):
    """Log in through the site's own form (a phone number or a staff username)."""
    page.goto(base_url + "/dang-nhap/")
    page.get_by_label("Số điện thoại").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
