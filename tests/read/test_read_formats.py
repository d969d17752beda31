"""Each supported format reads to the text a person sees, deterministically."""

from __future__ import annotations

from pathlib import Path

from statlint.read import read_document
from statlint.read.html import html_to_text

TEXT = "数字政府建设报告\n一、总论\n2022年数字经济规模达50.2万亿元，占GDP比重41.5%。\n（一）研究背景"


def test_txt_and_md_are_the_decoded_file(tmp_path: Path) -> None:
    for name in ("a.txt", "a.md"):
        p = tmp_path / name
        p.write_text(TEXT, encoding="utf-8")
        doc = read_document(p)
        assert doc.text == TEXT
        assert doc.format == ("txt" if name.endswith("txt") else "md")
        assert doc.encoding == "utf-8"
        assert doc.size_bytes == len(TEXT.encode("utf-8"))
        assert len(doc.sha256) == 64


def test_html_keeps_visible_text_one_line_per_block(tmp_path: Path, make_html) -> None:
    doc = read_document(make_html(tmp_path / "a.html", TEXT))
    assert doc.format == "html"
    assert doc.text == TEXT + "\n"
    assert "2099" not in doc.text and "2098" not in doc.text  # title, style and scripts dropped


def test_html_blocks_breaks_cells_entities_and_whitespace() -> None:
    page = (
        "<html><body><div>第一段<b>加粗</b>\n   续写</div><p>甲<br>乙</p>"
        "<table><tr><td>指标</td><td>数值</td></tr><tr><td>覆盖率</td><td>85&#37;</td></tr></table>"
        "<noscript>请启用脚本</noscript><!-- 注释 2020年 --><ul><li>一项</li><li>二项</li></ul>"
        "<template><p>模板</p></template><pre>原样\n  保留</pre></body></html>"
    )
    assert html_to_text(page) == "第一段加粗 续写\n甲\n乙\n指标\t数值\n覆盖率\t85%\n一项\n二项\n原样\n保留\n"


def test_html_drops_the_sites_menus_and_footer() -> None:
    """A menu line before the heading would be read as the report's title (and its scope lost)."""
    page = (
        "<html><body><nav>首页 | 登录 | 注册</nav><h1>2024年某市数字经济发展报告</h1>"
        "<p>全市数字经济核心产业增加值达到1234.5亿元。</p><footer>版权所有 © 2024</footer></body></html>"
    )
    assert html_to_text(page) == "2024年某市数字经济发展报告\n全市数字经济核心产业增加值达到1234.5亿元。\n"


def test_html_table_rows_are_lines_of_tab_separated_cells() -> None:
    page = (
        "<table><tr><th>地区</th><th><p>网办率</p><p>(%)</p></th><th>备注</th></tr>"
        "<tr><td>上海市</td><td>95.6</td><td></td></tr><tr><td></td><td>3<br>项</td><td>4</td></tr></table>"
        "<p>表后</p>"
    )
    lines = html_to_text(page).split("\n")
    assert [[" ".join(c.split()) for c in line.split("\t")] for line in lines[:3]] == [
        ["地区", "网办率 (%)", "备注"],
        ["上海市", "95.6", ""],
        ["", "3 项", "4"],
    ]
    assert lines[3] == "表后"


def test_html_declared_gbk_charset_is_honoured(tmp_path: Path, make_html) -> None:
    doc = read_document(make_html(tmp_path / "gbk.htm", TEXT, charset="gbk"))
    assert doc.encoding == "gb18030"
    assert doc.text == TEXT + "\n"


def test_docx_paragraphs_and_table_cells_in_order(tmp_path: Path, make_docx) -> None:
    doc = read_document(make_docx(tmp_path / "a.docx", TEXT, table=[["指标", "数值"], ["覆盖率", "85%"]]))
    assert doc.format == "docx"
    assert doc.encoding is None
    assert doc.text == TEXT + "\n指标\t数值\n覆盖率\t85%\n"


def test_docx_merged_cells_are_read_once(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).merge(t.cell(0, 1)).text = "合并标题"
    t.cell(1, 0).text = "甲"
    t.cell(1, 1).text = "乙"
    d.save(str(tmp_path / "m.docx"))
    assert read_document(tmp_path / "m.docx").text == "合并标题\n甲\t乙\n"


def test_pdf_text_layer_with_chinese_and_wrapped_lines_joined(tmp_path: Path, make_pdf) -> None:
    long_line = (
        "据中国信息通信研究院数据，" + "数字技术加速渗透经济社会各领域，" * 8 + "2022年规模达50.2万亿元。"
    )
    text = f"数字政府建设报告\n一、总论\n{long_line}\n（一）研究背景"
    doc = read_document(make_pdf(tmp_path / "a.pdf", text))
    assert doc.format == "pdf"
    assert doc.text == text + "\n"


def test_reading_is_deterministic(tmp_path: Path, make_pdf, make_docx, make_html) -> None:
    for p in (
        make_pdf(tmp_path / "d.pdf", TEXT),
        make_docx(tmp_path / "d.docx", TEXT),
        make_html(tmp_path / "d.html", TEXT),
    ):
        assert read_document(p) == read_document(p)


def test_pdf_saved_under_txt_suffix_is_read_as_pdf(tmp_path: Path, make_pdf) -> None:
    pdf = make_pdf(tmp_path / "x.pdf", TEXT)
    p = tmp_path / "mislabelled.txt"
    p.write_bytes(pdf.read_bytes())
    doc = read_document(p)
    assert doc.format == "pdf"
    assert doc.text == TEXT + "\n"


def test_html_page_saved_as_txt_is_read_as_html(tmp_path: Path) -> None:
    p = tmp_path / "scraped.txt"
    p.write_text("<!DOCTYPE html><html><body><p>一、总论</p><script>x=1</script></body></html>", "utf-8")
    doc = read_document(p)
    assert (doc.format, doc.text) == ("html", "一、总论\n")


def test_pdf_page_numbers_are_cut_and_the_page_break_healed(tmp_path: Path, make_pdf) -> None:
    from statlint.normalize import normalize
    from statlint.normalize.width import to_half_width

    para = "据统计，" + "数字技术加速渗透经济社会各领域，规模达50.2万亿元，" * 150 + "增长41.5%。"
    text = f"一、总论\n{para}\n二、现状\n第二段。"
    doc = read_document(make_pdf(tmp_path / "paged.pdf", text, page_numbers=True))
    assert "- 1 -" in doc.text and "- 2 -" in doc.text  # the text layer keeps them
    clean = normalize(doc.text)
    assert clean.text == to_half_width(text) + "\n"
    notes = [r.note for r in clean.repairs if r.kind == "boilerplate"]
    assert notes == ["page furniture", "page furniture"]


def test_docx_reads_smart_tags_insertions_and_text_boxes_but_not_deletions(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    d = docx.Document()
    d.add_paragraph("开头")
    body = d.element.body
    body.insert(
        len(body) - 1,  # before the section properties
        parse_xml(
            f"<w:p {w}><w:r><w:t>截至</w:t></w:r>"
            '<w:smartTag w:element="chsdate"><w:r><w:t>2023年5月1日</w:t></w:r></w:smartTag>'
            "<w:ins><w:r><w:t>，覆盖率达85%</w:t></w:r></w:ins>"
            "<w:del><w:r><w:delText>，旧数字60%</w:delText></w:r></w:del>"
            '<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>'
            "<w:p><w:r><w:t>文本框里的12项</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
            "<w:r><w:t>。</w:t></w:r></w:p>"
        ),
    )
    d.save(str(tmp_path / "rich.docx"))
    assert (
        read_document(tmp_path / "rich.docx").text
        == "开头\n截至2023年5月1日，覆盖率达85%。\n文本框里的12项\n"
    )


def test_pdf_running_headers_and_page_numbers_are_cut_across_many_pages(tmp_path: Path, make_pdf) -> None:
    from statlint.normalize import normalize
    from statlint.normalize.width import to_half_width

    paras = [
        "据统计，" + "数字技术加速渗透经济社会各领域，规模达50.2万亿元，" * 80 + f"第{i}段完。"
        for i in range(6)
    ]
    text = "数字政府研究报告\n一、总论\n" + "\n".join(paras)
    pdf = make_pdf(tmp_path / "long.pdf", text, page_numbers=True, running_header="数字政府研究报告")
    doc = read_document(pdf)
    assert doc.text.count("\f") >= 3 and doc.text.count("数字政府研究报告") >= 4
    clean = normalize(doc.text)
    assert clean.text == to_half_width(text) + "\n"  # the title line, the same words, is kept
