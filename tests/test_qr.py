"""QR codes decode, with zbar as a phone would, to exactly the address they were made for."""

import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

from cchc.outputs import qr

URLS = [
    "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001234&x=<y>",
    "https://ttyt.example.gov.vn/cchc/2026/03/tap-huan-dich-vu-cong/",
]


@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbar-tools is not installed (bash setup.sh)")
@pytest.mark.parametrize("url", URLS)
def test_png_decodes_to_its_url(tmp_path, url):
    image = tmp_path / "qr.png"
    image.write_bytes(qr.png(url))
    run = subprocess.run(["zbarimg", "--raw", "-q", str(image)], capture_output=True, text=True, timeout=30)
    assert run.stdout.rstrip("\n") == url


def test_svg_is_one_named_image_with_the_same_modules_as_the_png():
    url = URLS[0]
    markup = qr.svg(url)
    root = ET.fromstring(markup)  # parses as XML: nothing from the URL breaks out of it
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("role") == "img"
    title = root.find("{http://www.w3.org/2000/svg}title")
    assert title is not None and title.text == f"Mã QR mở {url}"
    assert "<y>" not in markup  # the URL is escaped in the title
    assert qr.svg(url) == markup  # deterministic


def test_svg_label_is_the_callers():
    root = ET.fromstring(qr.svg(URLS[1], label="Mã QR đến bài viết"))
    assert root.find("{http://www.w3.org/2000/svg}title").text == "Mã QR đến bài viết"
