import unicodedata

from cchc.text.vntext import fold, heading_slug, match_key, nfc, slugify


def test_slug_is_ascii_with_d_for_dd():
    assert slugify("Đẩy mạnh cải cách thủ tục hành chính") == "day-manh-cai-cach-thu-tuc-hanh-chinh"
    assert slugify("đường dây nóng: 1900 9095!") == "duong-day-nong-1900-9095"


def test_nfd_input_gives_the_same_slug_and_nfc_text():
    composed = "Cải cách hành chính"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert nfc(decomposed) == composed
    assert slugify(decomposed) == slugify(composed) == "cai-cach-hanh-chinh"


def test_control_characters_from_word_are_removed():
    assert nfc("Tiêu\x0bđề\x00") == "Tiêuđề"
    assert nfc("dòng 1\ndòng 2\t") == "dòng 1\ndòng 2\t"


def test_fold_and_match_key_ignore_marks_and_case():
    assert fold("Cải cách Đ") == "Cai cach D"
    assert match_key("  CẢI CÁCH   thủ tục ") == match_key("cai cach thu tuc")


def test_heading_anchor_keeps_d():
    assert heading_slug("Đổi mới phương thức", "-") == "doi-moi-phuong-thuc"


def test_long_titles_give_slugs_short_enough_for_file_names():
    title = "Thông báo về việc " + "triển khai thực hiện kế hoạch cải cách hành chính " * 6
    slug = slugify(title)
    assert len(slug) <= 80 and slug.startswith("thong-bao-ve-viec-trien-khai") and not slug.endswith("-")
    assert slugify("a" * 200) == "a" * 80
