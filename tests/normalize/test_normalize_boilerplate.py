"""Site debris is cut and recorded; the report's own text, metadata included, is kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from statlint.normalize import normalize
from statlint.normalize.boilerplate import find_boilerplate

NEWS_PAGE = """下载
打印
【字号：
加大
还原
减小
】
2026年某省政府工作报告
——2026年1月25日在某省第十四届人民代表大会第四次会议上
来源：某省日报
时间：2026-02-02
省长 某某
某某作政府工作报告。本报记者 某某摄
各位代表：
现在，我代表省人民政府向大会报告工作。
一、2025年工作回顾
地区生产总值增长5.5%，达到1.2万亿元。全年新增就业60万人，城镇调查失业率5.1%，居民收入增长5%。
二、2026年重点工作
实施项目1000个以上。
相关报道：
2025年某省经济增长99%的报道
"""


def _cut(raw: str) -> str:
    return "".join(raw[e.raw_start : e.raw_end] for e in find_boilerplate(raw))


def test_news_page_debris_is_cut_and_metadata_kept() -> None:
    clean = normalize(NEWS_PAGE)
    assert clean.text.startswith("2026年某省政府工作报告\n——2026年1月25日")
    assert "来源:某省日报\n时间:2026-02-02" in clean.text  # full-width colons halved
    assert "记者" not in clean.text and "字号" not in clean.text
    assert "99%" not in clean.text and "相关报道" not in clean.text
    assert clean.text.endswith("实施项目1000个以上。\n")
    notes = [r.note for r in clean.repairs if r.kind == "boilerplate"]
    assert notes == ["header", "header", "footer"]


def test_breadcrumb_trail_and_repeated_column_name() -> None:
    raw = (
        "您的位置:\n首页\n>\n要闻\n要闻\n2026年政府工作报告\n各位代表：\n" + "正文。" * 30 + "\n分享到:\n×\n"
    )
    cut = _cut(raw)
    assert cut.startswith("您的位置:\n首页\n>\n要闻\n要闻\n") and cut.endswith("分享到:\n×\n")
    assert normalize(raw).text.startswith("2026年政府工作报告\n各位代表")


def test_footer_word_early_in_a_report_is_not_a_footer() -> None:
    raw = "一、总论\n评论\n" + "正文一句。\n" * 30
    assert find_boilerplate(raw) == []


def test_seed_debris(seed_path: Path) -> None:
    raw = seed_path.read_text(encoding="utf-8")
    clean = normalize(raw)
    assert clean.text.startswith("數字政府與數字社會建設關系研究報告\n一、總論")
    assert clean.text.rstrip().endswith("暴露出服務設計包容性不足的短板。")
    assert "溫馨提示" not in clean.text and "2023年版測量" not in clean.text and "0/150" not in clean.text
    footer = next(r for r in clean.repairs if r.note == "footer")
    assert raw[footer.raw_start :].startswith("溫馨提示") and footer.raw_end == len(raw)


def test_seed_has_no_pinyin_left(seed_path: Path) -> None:
    raw = seed_path.read_text(encoding="utf-8")
    clean = normalize(raw)
    pinyin = [r for r in clean.repairs if r.kind == "pinyin"]
    assert len(pinyin) > 500
    assert all(raw[r.raw_start] in "(（" and r.replacement == "" for r in pinyin)
    assert "(fā)" not in clean.text and "(yè)" not in clean.text
    import re

    assert not re.search(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]", clean.text)


@pytest.fixture(scope="module")
def gwr_files(shared_dir: Path) -> list[Path]:
    files = sorted((shared_dir / "corpus" / "gwr2026").glob("*.txt"))
    if not files:
        pytest.skip("gwr2026 corpus not present")
    return files


def test_gwr_pages_lose_their_debris(gwr_files: list[Path]) -> None:
    debris = (
        "下载\n打印",
        "【字号",
        "【字体",
        "\n相关报道：",
        "扫一扫",
        "关闭窗口",
        "当前位置",
        "您的位置",
        "分享到",
    )
    for path in gwr_files:
        clean = normalize(path.read_text(encoding="utf-8"))
        for d in debris:
            assert d not in clean.text, (path.name, d)
        assert "各位代表" in clean.text, path.name
        assert not any(
            r.kind == "mojibake" and not r.note.startswith(("flagged", "repaired")) for r in clean.repairs
        )


# Phrases OpenCC converts as phrases (頭髮, 乾燥, 乾隆), and single characters.
_PHRASES = [
    "頭髮",
    "乾燥",
    "著名",
    "數據",
    "經濟",
    "發展",
    "後來",
    "皇后",
    "理髮",
    "乾隆",
    "一隻",
    "文件",
    "。",
    "，",
    " ",
]
_BREAKS = ["\n", "\r\n", "\r", "\u2028", "\x0c", "\x1c", "\x85"]


def test_lines_simplified_at_once_match_line_by_line() -> None:
    """One OpenCC call for the whole text, cut at line bounds, equals converting each line on its own, with
    every line separator splitlines knows (a phrase must not be converted across a line break)."""
    import random

    from statlint.normalize.boilerplate import _lines, _simplified_lines
    from statlint.normalize.script import to_simplified

    rng = random.Random(11)
    for _ in range(300):
        # a phrase split by a break: 頭|髮 must convert as two characters, as line-by-line conversion does
        raw = _random_lines(rng, 12)
        raw += rng.choice(["頭", "乾"]) + rng.choice(_BREAKS) + rng.choice(["髮", "燥"])
        lines = _lines(raw)
        assert _simplified_lines(raw, lines) == [to_simplified(line) for _s, _e, line in lines], repr(raw)


def test_lines_simplified_where_looked_match_all_at_once() -> None:
    """The lazily converted lines (header zone, footer zone, any other line alone) equal the lines of one
    conversion of the whole text, at every index and with every line separator."""
    import random

    from statlint.normalize.boilerplate import _lines, _simplified_lines, _SimplifiedLines

    rng = random.Random(12)
    for _ in range(300):
        raw = _random_lines(rng, 150) + rng.choice(["頭", "乾", ""])
        lines = _lines(raw)
        lazy = _SimplifiedLines(raw, lines)
        order = list(range(len(lines)))
        rng.shuffle(order)
        assert [lazy[i] for i in order] == [_simplified_lines(raw, lines)[i] for i in order], repr(raw)


def _random_lines(rng, max_lines: int) -> str:
    """Up to `max_lines` lines of random phrases, each ended by a random line separator."""
    pieces: list[str] = []
    for _ in range(rng.randint(0, max_lines)):
        pieces += rng.choices(_PHRASES, k=rng.randint(0, 6))
        pieces.append(rng.choice(_BREAKS))
    return "".join(pieces)


@pytest.mark.parametrize(
    "line",
    [
        "全文共12,345字，阅读约需15分钟",
        "本文档由用户上传，共25页，下载需5积分",
        "VIP免费下载 | 已有1,234人下载 | 浏览量5.6万次",
        "上传时间：2024-05-12 文件大小：2.35MB 页数：25页",
        "原創力文檔 版權所有 舉報 收藏 0 贊 12",
        "更多精品文档请访问 www.docin.com",
        "本文檔由用戶上傳，下載需5積分",
    ],
)
def test_document_site_lines_are_cut_wherever_they_stand(line: str) -> None:
    body = "数字政府建设研究报告\n一、现状\n2024年我国数字经济规模达到53.9万亿元。\n"
    clean = normalize(body + line + "\n二、趋势\n2025年网民规模达11亿人。\n")
    assert line not in clean.text and "53.9万亿元" in clean.text and "11亿人" in clean.text
    assert any(r.kind == "boilerplate" and r.note == "site" for r in clean.repairs)


def test_prose_that_names_a_document_site_stays() -> None:
    para = "调查显示，" + "百度文库、豆丁网等文档平台的用户规模持续扩大，" * 4 + "2024年达到3亿人。"
    assert "3亿人" in normalize("报告\n一、现状\n" + para + "\n").text


def test_more_document_site_lines_are_cut():
    from statlint.normalize.boilerplate import SITE_WORD

    for line in ("預覽與源文檔一致，下載高清無水印", "预览已结束，剩余 12 页可下载查看", "下載本文檔"):
        assert SITE_WORD.search(line), line
    assert not SITE_WORD.search("本报告预览了全省数字经济发展情况")
