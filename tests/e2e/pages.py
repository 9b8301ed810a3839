"""Steps the browser journeys share."""

from PIL import Image


def log_in(page, base_url, username, password="mat-khau-123"):
    """Log in through the site's own form (a phone number or a staff username)."""
    page.goto(base_url + "/dang-nhap/")
    page.get_by_label("Số điện thoại").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def fill_checkout(page, name="Lê Thị Mai", phone="0903 123 456", commune="Xã Cái Bè"):
    """The checkout form, filled and sent (cash on delivery); waits for the order's page."""
    page.get_by_label("Tên").fill(name)
    page.get_by_label("Số điện thoại").fill(phone)
    page.get_by_label("Xã/phường").select_option(label=commune)
    page.get_by_label("Địa chỉ (số nhà, đường, ấp)").fill("12 Ấp Bắc")
    page.get_by_label("Tôi đồng ý với Quy chế hoạt động của sàn").check()
    page.get_by_role("button", name="Đặt hàng").click()
    page.wait_for_url("**/don-hang/CNS-*/**")


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
