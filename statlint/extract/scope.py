"""The scope a figure describes (全国, 上海市, 某省, 东部省份, 新加坡): a gazetteer (data/places.tsv) plus
anonymous places (某省, 某西部地州) and the document's own scope (全市 in Beijing's report is 北京市).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from statlint.extract.joined import join, owner
from statlint.extract.trie import trie_pattern
from statlint.extract.units import DATA

NATION: Final = "全国"
DOC_SCOPE: Final = "@doc"
# An anonymous place kept as written: 某省, 某市, 某县, 某西部地州, 某社区 (shortest suffix wins).
ANONYMOUS: Final = r"某[\u4e00-\u9fff]{0,3}?(?:省|市|县|区|州|镇|乡|村|社区|街道|园区|自贸区|新区|地区|盟|旗)"
# A new district not in the list: 两江新区, 雄安新区.
NEW_DISTRICT: Final = r"[\u4e00-\u9fff]{2}新区"


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    key: str
    kind: str


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, Place]:
    """Simplified name -> Place; the first line for a name wins."""
    out: dict[str, Place] = {}
    for line in (DATA / "places.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, key, kind = (p.strip() for p in line.split("\t")[:3])
        out.setdefault(name, Place(name, key, kind))
    return out


# The gazetteer's names and keys in Traditional script (OpenCC s2t, phrase dictionaries included), made by
# `write_traditional_names`: a Traditional report's entity is written without loading OpenCC's
# Simplified-to-Traditional dictionaries, ~27 MB in every process that parses such reports.
TRADITIONAL_NAMES: Final = DATA / "places_traditional.tsv"


def traditional_names_text() -> str:
    """The content of TRADITIONAL_NAMES, computed from the gazetteer (a test checks the file is current)."""
    import opencc

    s2t = opencc.OpenCC("s2t")
    names = sorted({n for n in gazetteer()} | {p.key for p in gazetteer().values() if p.key})
    head = "# Simplified\tTraditional (OpenCC s2t) of every gazetteer name and key: statlint.extract.scope\n"
    return head + "".join(f"{n}\t{s2t.convert(n)}\n" for n in names)


def write_traditional_names() -> None:
    TRADITIONAL_NAMES.write_text(traditional_names_text(), encoding="utf-8")


@lru_cache(maxsize=1)
def traditional_names() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in TRADITIONAL_NAMES.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            simp, trad = line.split("\t")[:2]
            out[simp] = trad
    return out


@lru_cache(maxsize=1)
def place_pattern() -> re.Pattern[str]:
    """All gazetteer names as one trie-shaped pattern. Anonymous places are searched apart: a pattern
    starting with a class in the trie would cost the regex engine its fast first-character scan."""
    return re.compile(trie_pattern(list(gazetteer())))


NEW_DISTRICT_RE: Final = re.compile(NEW_DISTRICT)
# What follows 其中国 when it reads 其中 + 国…: 国家, 国有, 国企, 国内, 国际, 国资, 国产.
SPLIT_AFTER: Final = frozenset("家有企内际资产")
# One-character province names that open a sub-provincial area: 川东北, 鲁西南, 皖西部 are parts of a
# province, not the country's 东北 or 西部.
PROVINCE_ABBREVIATIONS: Final = frozenset("京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川蜀黔贵滇藏陕秦甘陇")
# ...and a direction before one: 东西部差距 compares two regions, it is not 西部's.
REGION_PART_BEFORE: Final = PROVINCE_ABBREVIATIONS | frozenset("东西南北")
ANONYMOUS_RE: Final = re.compile(ANONYMOUS)


@dataclass(slots=True, init=False)
class PlaceMention:
    start: int
    end: int
    key: str  # normalized Simplified key; '@doc' resolved by the caller
    kind: str

    def __init__(self, start: int, end: int, key: str, kind: str) -> None:  # compiled (see changes.Role)
        self.start, self.end, self.key, self.kind = start, end, key, kind


# The words that make a short place name the start of a firm's (宁德时代, 北京银行, 上海电气, 青岛啤酒).
FIRM_AFTER_PLACE: Final = re.compile(
    r"时代|银行|证券|电气|啤酒|集团|控股|股份|汽车|钢铁|医药|药业|能源|电力|科技|电子|机场|港务|航空|农商行|农商银行"
)


def find_places(s: str) -> list[PlaceMention]:
    """Scope words in a Simplified sentence, in order."""
    out = []
    gaz = gazetteer()
    matches = list(place_pattern().finditer(s))
    if "某" in s:
        anon = list(ANONYMOUS_RE.finditer(s))
        taken = {i for m in anon for i in range(m.start(), m.end())}
        matches = sorted(anon + [m for m in matches if m.start() not in taken], key=lambda m: m.start())
    if "新区" in s:
        taken = {i for m in matches for i in range(m.start(), m.end())}
        matches += [m for m in NEW_DISTRICT_RE.finditer(s) if m.start() not in taken]
        matches.sort(key=lambda m: m.start())
    for m in matches:
        name = m.group()
        split = s[m.start() - 1 : m.start()] == "其" and s[m.end() : m.end() + 1] in SPLIT_AFTER
        if name == "中国" and split:
            continue  # 其中国家平台, 其中国有企业: 其中 + 国家, not China
        place = gaz.get(name)
        if (
            place is not None
            and place.kind in ("province", "city")
            and name[-1] not in "省市县区州"
            and FIRM_AFTER_PLACE.match(s, m.end())
        ):
            continue  # 宁德时代, 北京银行, 青岛啤酒: a firm named after a place, not the place
        if (
            place is not None
            and place.kind == "region"
            and name[0] in "东西南北中"
            and s[m.start() - 1 : m.start()] in REGION_PART_BEFORE  # ("" at the start: never in it)
        ):
            continue
        if place is None:
            kind = "anonymous" if name.startswith("某") else "city"
            out.append(PlaceMention(m.start(), m.end(), name, kind))
        else:
            out.append(PlaceMention(m.start(), m.end(), place.key, place.kind))
            if place.kind in ("province", "city") and (c := COUNTY_AFTER.match(s, m.end())):
                # 山东省寿光市, 浙江省湖州市德清县: a county the gazetteer lacks, named under its province
                out.append(PlaceMention(c.start(), c.end(), c.group(), "city"))
    if len(out) > 1:
        out = _without_overlaps(out)
    return out


# A county or county-level city right after its province or prefecture (寿光市 in 山东省寿光市): two or three
# characters and 县/市/旗, not a word of its own (省内城市, 全省各县, 地级市).
COUNTY_AFTER: Final = re.compile(
    r"(?![内外各全本该每这那其所城地县市区乡镇村等和及与、])[\u4e00-\u9fff]{2,3}?(?:县|市|旗)"
    r"(?<!城市)(?<!都市)(?<!超市)(?<!级市)(?<!级县)(?<!份市)"
)


def _without_overlaps(places: list[PlaceMention]) -> list[PlaceMention]:
    """Mentions in order, a later one overlapping the one kept before it dropped."""
    kept: list[PlaceMention] = []
    for p in sorted(places, key=lambda p: (p.start, -p.end)):
        if kept and p.start < kept[-1].end:
            continue
        kept.append(p)
    return kept


def find_places_each(texts: list[str]) -> list[list[PlaceMention]]:
    """find_places of each text (offsets local to it), from one scan of them all: a report has a hundred
    headings, and the per-call cost was most of reading them."""
    out: list[list[PlaceMention]] = [[] for _ in texts]
    if not texts:
        return out
    joined, starts = join(texts)
    i = 0
    for p in find_places(joined):
        i = owner(starts, p.start, i)
        p.start -= starts[i]
        p.end -= starts[i]
        out[i].append(p)
    return out


# Regions of several provinces a report may be about (2024年长三角地区新能源产业发展报告).
NAMED_REGIONS: Final = frozenset(("长三角", "珠三角", "粤港澳大湾区", "京津冀", "成渝地区"))


def document_scope(title: str | None) -> str | None:
    """The place a document is about, from its title (2026年北京市政府工作报告 -> 北京市)."""
    if not title:
        return None
    for p in find_places(title):
        if p.kind in ("province", "city", "country", "anonymous") or p.key in NAMED_REGIONS:
            return p.key  # an anonymised report (某市数字政府建设报告) is about 某市
    m = UNLISTED_TITLE_PLACE.match(title) or UNLISTED_DATED_TITLE_PLACE.match(title)
    return m.group(1) if m else None


# A place the gazetteer lacks (a small county, a renamed city, a made-up one in an exercise) still scopes
# an official document whose title opens with it: 安澜市2025年国民经济和社会发展统计公报, 2026年某某县人民
# 政府工作报告. Only before a year or the issuer's own words, so 城市数字化报告 or 全市… name no place.
UNLISTED_PLACE: Final = (
    r"(?!全|各|本|我|该|城|都|省|市|县)[\u4e00-\u9fff]{2,5}?(?:省|市|县|自治州|盟|旗)"
    r"(?<!城市)(?<!都市)(?<!级市)"
)
UNLISTED_PLACE_RE: Final = re.compile(UNLISTED_PLACE)
UNLISTED_TITLE_PLACE: Final = re.compile(
    rf"\s*(?:关于)?(?:\d{{4}}年(?:度)?)?({UNLISTED_PLACE})(?=\d{{4}}年|人民政府|政府|国民经济|统计|“十|\"十)"
)
# ...or in the title of a report of any subject: 2025年岚州市生态环境状况公报, 东陵省金融运行报告（2026）.
UNLISTED_DATED_TITLE_PLACE: Final = re.compile(
    rf"\s*(?:关于)?(?:\d{{4}}年(?:度)?)?({UNLISTED_PLACE})"
    r"(?=[^，。,:：]{0,20}(?:公报|报告|白皮书|年鉴|规划|纲要|方案))"
)


# A document whose title names no place is still about one when it keeps calling itself 全省/我市 (a work
# report titled just 政府工作报告) and one province or city dominates its place names. Thresholds read off
# 26 provincial reports (self-references 7-43, leading place 35-95 % of province and city mentions) and a
# national research report (2 self-references, leading place 22 %).
MIN_SELF_REFERENCES: Final = 5
MIN_LEADING_SHARE: Final = 0.3


def text_scope(places: list[PlaceMention], nation_self_references: int) -> str | None:
    """The province or city a document is about, judged from its whole text (see MIN_SELF_REFERENCES)."""
    self_refs = sum(1 for p in places if p.kind == "doc")
    if self_refs < MIN_SELF_REFERENCES or self_refs <= nation_self_references:
        return None
    counts: dict[str, int] = {}
    for p in places:
        if p.kind in ("province", "city"):
            counts[p.key] = counts.get(p.key, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked:
        return None
    total = sum(counts.values())
    top, n = ranked[0]
    if n / total < MIN_LEADING_SHARE or (len(ranked) > 1 and ranked[1][1] == n):
        return None
    return top


def is_subnational(key: str | None) -> bool:
    """Is this scope a Chinese province or city, or a region of several (长三角), rather than the nation, a
    part of it (东部地区) or another country?"""
    place = gazetteer().get(key) if key else None
    return (
        (place is not None and place.kind in ("province", "city"))
        or key in NAMED_REGIONS
        or (place is None and key is not None and UNLISTED_PLACE_RE.fullmatch(key) is not None)
    )


def is_foreign(key: str) -> bool:
    """Is this scope key a country other than China (its 全国 is that country)?"""
    place = gazetteer().get(key)
    return place is not None and place.kind == "country"
