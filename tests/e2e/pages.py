"""Steps the browser journeys share."""

from PIL import Image


def log_in(page, base_url, username, password="mat-khau-123"):
    """Log in through the site's own form (a phone number or a staff username)."""
    page.goto(base_url + "/dang-nhap/")
    page.get_by_label("Số điện thoại").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def photo_file(tmp_path, name, colour):
    """A phone-sized JPEG to upload."""
    path = tmp_path / name
    Image.new("RGB", (1200, 900), colour).save(path, format="JPEG")
    return path


def accessibility_violations(page):
    """axe-core's violations on the page as it stands: [(rule, impact, [targets])]. The
    script comes from the axe-playwright-python package (no download at run time)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page).response["violations"]
    return [
        (violation["id"], violation["impact"], [node["target"] for node in violation["nodes"]][:5])
        for violation in results
    ]
