"""Category `cited_document`: one titled document (《…》) cited with different years or issuers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from statlint.rules.base import Finding, RuleContext, Span, rule

TITLE = re.compile(r"《([^》]{2,120})》")
# Verbs dating a document's issue, and verbs dating its taking effect: the two years may differ legitimately
# (issued 2021年6月, in force 2021年9月), so each kind is compared only with itself.
ISSUE_VERBS = "发布|印发|出台|颁布|公布|通过|修订|制定|推出|核定|批准|下发"
EFFECT_VERBS = "实施|施行|生效"
# A year, in the Gregorian or (民国105年, as Taiwan dates its documents) the ROC calendar.
YEAR = r"(?:19|20)\d\d|民国\d{2,3}"
# Who issued it: 国务院, 国家发展改革委, 工业和信息化部, 上海市人民政府, 行政院 ... directly before the verb;
# several bodies (工业和信息化部、民政部、国家卫生健康委联合印发; 国家卫生健康委会同国家疾控局印发) or one for
# them (工业和信息化部等部门).
BODY = (
    r"(?:中共中央|国务院办公厅|国务院|全国人大常委会|全国人大|"
    r"[\u4e00-\u9fff]{2,10}?(?:部|委员会|委|局|署|办公厅|政府|院))"
)
ISSUER = rf"(?:{BODY}(?:(?:[、和与及]|会同){BODY})*(?:等(?:[\d一二三四五六七八九十]+个)?(?:部门|单位|部委))?)"
# "2024年国务院发布的《…》", "2021年10月，工业和信息化部等部门印发的《…》", "2024年《…》实施后".
YEAR_BEFORE = re.compile(
    rf"(?P<year>{YEAR})年(?:\d{{1,2}}月)?(?:\d{{1,2}}日)?(?:起)?[，,]?(?:{ISSUER})?(?:联合|已|正式|首次)?"
    rf"(?P<verb>{ISSUE_VERBS}|{EFFECT_VERBS})(?:了|的|之)?$"
)
YEAR_BEFORE_TITLE = re.compile(rf"(?P<year>{YEAR})年$")
VERB_AFTER = re.compile(rf"^(?:正式)?(?P<verb>{ISSUE_VERBS}|{EFFECT_VERBS})")
YEAR_AFTER = re.compile(
    rf"^[^，。；《]{{0,4}}?于?(?P<year>{YEAR})年(?:\d{{1,2}}月)?(?:\d{{1,2}}日)?(?:起)?"
    rf"(?:正式)?(?P<verb>{ISSUE_VERBS}|{EFFECT_VERBS})"
)
EDITION = re.compile(rf"^[（(](?P<year>{YEAR})年?(?:版|修订|修正)?[)）]")
# A note in parentheses after the title: 《…》（2022年国家卫生健康委印发）.
NOTE_AFTER = re.compile(
    rf"^[（(](?P<year>{YEAR})年(?:\d{{1,2}}月)?(?:\d{{1,2}}日)?(?:由)?(?P<iss>{ISSUER})?(?:联合|正式)?"
    rf"(?P<verb>{ISSUE_VERBS}|{EFFECT_VERBS})[)）]"
)
# The issuer named after the title: 《…》由国务院办公厅于2021年印发, 《…》经全国人大常委会通过.
ISSUER_AFTER = re.compile(
    rf"^(?:已|于(?:{YEAR})年(?:\d{{1,2}}月)?(?:\d{{1,2}}日)?)?[由经](?P<iss>{ISSUER})"
    rf"(?:于(?P<year>{YEAR})年(?:\d{{1,2}}月)?(?:\d{{1,2}}日)?)?(?:联合|正式)?(?P<verb>{ISSUE_VERBS}|{EFFECT_VERBS})"
)
ISSUER_BEFORE = re.compile(
    rf"(?P<iss>{ISSUER})(?:于)?(?:(?:{YEAR})年)?(?:\d{{1,2}}月)?[，,]?(?:联合)?(?:{ISSUE_VERBS})(?:了|的|之)?$"
)
BODY_RE = re.compile(BODY)
# Words before an issuer that are not its name: 对照省发展改革委印发的, 根据国务院印发的.
ISSUER_LEAD = re.compile(r"^(?:[年月日]|对照|根据|按照|依据|参照|依照|落实|贯彻|结合|由|经|和|与|及|会同)+")
ROC_OFFSET = 1911
# Different names of one issuer.
ISSUER_ALIASES = {
    "国家发改委": "国家发展改革委",
    "国家发展和改革委员会": "国家发展改革委",
    "工信部": "工业和信息化部",
    "中办": "中共中央办公厅",
    "国办": "国务院办公厅",
}
# Quote marks and spaces inside titles vary without changing the document (《"十四五"规划》/《“十四五”规划》).
TITLE_NOISE = re.compile(r"[\s“”\"'‘’「」]")


def _kind(verb: str) -> str:
    return "effect" if re.fullmatch(EFFECT_VERBS, verb) else "issue"


def _year(m: re.Match[str]) -> int:
    y = m.group("year")
    return int(y[2:]) + ROC_OFFSET if y.startswith("民国") else int(y)


def _issuers(names: str) -> tuple[str, ...]:
    """The bodies of an issuer list, each under one name (工信部 -> 工业和信息化部), in order."""
    out = []
    for m in BODY_RE.finditer(names):
        name = ISSUER_LEAD.sub("", re.sub(rf"^(?:{YEAR})年", "", m.group()))
        if name:
            out.append(ISSUER_ALIASES.get(name, name))
    return tuple(out)


def citations(text_simp: str) -> list[dict]:
    """Every 《title》 in a Simplified sentence with the year and issuers the sentence attaches to it."""
    out = []
    for i, m in enumerate(TITLE.finditer(text_simp)):
        before, after = text_simp[max(0, m.start() - 40) : m.start()], text_simp[m.end() : m.end() + 40]
        year = kind = None
        issuers: tuple[str, ...] = ()
        if (y := YEAR_BEFORE.search(before)) or (y := YEAR_AFTER.match(after)):
            year, kind = _year(y), _kind(y.group("verb"))
        elif e := EDITION.match(after):
            year, kind = _year(e), "issue"
        elif n := NOTE_AFTER.match(after):
            year, kind = _year(n), _kind(n.group("verb"))
        elif (a := ISSUER_AFTER.match(after)) and a.group("year"):
            year, kind = _year(a), _kind(a.group("verb"))
        elif (y := YEAR_BEFORE_TITLE.search(before)) and (v := VERB_AFTER.match(after)):
            year, kind = _year(y), _kind(v.group("verb"))
        if (
            (iss := ISSUER_BEFORE.search(before))
            or ((iss := NOTE_AFTER.match(after)) and iss.group("iss"))
            or (iss := ISSUER_AFTER.match(after))
        ):
            issuers = _issuers(iss.group("iss"))
        out.append(
            {
                "ordinal": i,
                "title": TITLE_NOISE.sub("", m.group(1)),
                "year": year,
                "kind": kind,
                "issuer": "、".join(issuers) or None,
                "issuers": frozenset(issuers),
            }
        )
    return out


@rule(
    "SL701",
    "cited-document-inconsistent",
    "cited_document",
    "warning",
    bad="2021年國務院印發的《關於加強數字政府建設的指導意見》…2022年國務院印發的《關於加強數字政府建設的指導意見》",
    good="2022年國務院印發的《關於加強數字政府建設的指導意見》…該《指導意見》要求…",
)
def cited_document_inconsistent(ctx: RuleContext) -> Iterator[Finding]:
    """A document cited by title was issued once, by one body. When a report cites the same 《title》 as
    issued (or in force) in different years, or issued by different bodies, at least one citation is wrong and
    readers cannot find the source. Issue years (發布, 印發, 出台) and effective years (實施, 施行) are
    compared
    separately, since a law is often issued in one month and takes effect later."""
    where, params = ctx.doc_filter("doc_id")
    rows = ctx.con.execute(
        f"""SELECT doc_id, sentence_id, start, text, text_simp, section_path FROM sentences
            WHERE {where} AND text_simp LIKE '%《%' ORDER BY doc_id, sentence_id""",
        params,
    ).fetchall()
    cites: dict[tuple[str, str], list[tuple[dict, Span]]] = {}
    for doc_id, _, s_start, text, simp, path in rows:
        raw_titles = list(re.finditer(r"《[^》]*》", text))
        for c in citations(simp):
            if c["ordinal"] < len(raw_titles):
                rm = raw_titles[c["ordinal"]]
                span = Span(doc_id, s_start + rm.start(), s_start + rm.end(), rm.group(), path)
            else:
                span = Span(doc_id, s_start, s_start + len(text), text, path)
            cites.setdefault((doc_id, c["title"]), []).append((c, span))
    for (doc_id, title), found in cites.items():
        problems, problems_en, used = [], [], []
        for kind, zh in (("issue", "发布"), ("effect", "实施")):
            dated = [(c, s) for c, s in found if c["year"] and c["kind"] == kind]
            years = sorted({c["year"] for c, _ in dated})
            if len(years) > 1:
                problems.append(f"{zh}年份不一（{'、'.join(f'{y}年' for y in years)}）")
                problems_en.append(
                    f"{'issued' if kind == 'issue' else 'in force'} in {', '.join(map(str, years))}"
                )
                used += [s for _, s in dated]
        named = [c for c, _ in found if c["issuers"]]
        # bodies named apart (工信部等部门 and 工信部、民政部 share one): different issuers
        if any(a["issuers"].isdisjoint(b["issuers"]) for a in named for b in named):
            issuers = sorted({c["issuer"] for c in named})
            problems.append(f"发布机关不一（{'、'.join(issuers)}）")
            problems_en.append(f"issued by {', '.join(issuers)}")
            used += [s for c, s in found if c["issuer"]]
        if not problems:
            continue
        yield Finding(
            rule="SL701",
            doc_id=doc_id,
            message=ctx.say(f"《{title}》在文中多次引用，但{'；'.join(problems)}。", doc_id),
            message_en=f"《{title}》 is cited as {'; '.join(problems_en)}.",
            suggestion=ctx.say("核对该文件的发布机关和年份，全文统一。", doc_id),
            evidence=sorted(set(used), key=lambda s: s.start),
            key=f"{title}|{'|'.join(problems)}",
        )
