"""The unit a column's header states, however the department wrote it: in brackets (``本月新增（亩）``,
``[亩]``, ``【亩】``, ``（单位：亩）``), or after a slash, a colon or a space (``本月新增/亩``, ``本月新增：亩``,
``本月新增 单位：亩``, ``本月新增 亩``), with a scale before a unit (``千平方米``, ``十亿元``: see
:data:`ledger.units.SCALES`). :func:`in_brackets` writes the last three forms as the first, which
:func:`ledger.column_kinds.describe` reads; :func:`unread_unit` names a unit a header states that
tracker cannot convert (``栋``, ``万千瓦``, ``元/平方米``, a scale alone: ``万``), so that the column is
refused rather than its figures taken in the target's unit.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata

from . import units
from .names import key
from .patterns import LazyPattern
from .table import Column

# Units sheets write that tracker does not convert (power, mass, volume, length, things counted
# by a noun of their own; 顷 alone, the 市制 顷 of 100 亩 or short for 公顷, 15 亩, which cannot be told): a
# header stating one states its unit all the same.
_OTHER_UNITS = frozenset(
    {"千瓦时", "千瓦", "兆瓦", "瓦", "度", "吨", "千克", "公斤", "克", "立方米", "立方", "方", "公里", "千米", "米",
     "英亩", "平方英尺", "顷", "市顷", "辆", "台", "套", "户", "栋", "幢", "座", "件", "张", "株", "床", "间", "所", "篇", "条",
     "艘", "架", "只", "头", "册", "份", "批", "笔", "场", "届", "例", "标箱", "人次", "吨标煤", "吨标准煤", "港元",
     "欧元", "日元", "美金", "标准煤", "‰", "t", "kg", "km", "m", "m3", "m³", "kw", "kwh", "mw", "teu", "acre", "acres", "sqft"}
)  # fmt: skip
_SCALE_CHARACTERS = "十百千万亿"  # what units.SCALES are written with
# A header's words before a unit after a colon that only say a unit follows (本月新增 单位：亩).
_UNIT_WORD = LazyPattern(r"\s*[(\[]?(?:计量)?单位\s*$")
_MARKS = frozenset("/／:： \u3000\xa0\t\n{｛〈《")  # what in_brackets looks for: none of these, nothing to do
_RARE = LazyPattern(r"[{〈《]([^{}〈〉《》]+)[}〉》]")
# A bracket in a header as names.key writes it (（）〔〕 → (), 【】［］ → []), and the rarer ones.
_BRACKET = LazyPattern(r"[(\[{〈《]\s*(?:(?:计量)?单位\s*[:：]?\s*)?([^()\[\]{}〈〉《》]+?)\s*[)\]}〉》]")


def is_unit(text: str) -> bool:
    """Whether ``text`` (as :func:`~ledger.names.key` writes it) is written as a unit, known or not:
    one tracker converts (亩, 千平方米), a scale alone (万), one of :data:`_OTHER_UNITS` with or
    without a scale (栋, 万千瓦), one of either under scales tracker does not read (十万亿元), or two
    of these over a slash (元/平方米). A header, a unit line or a title's bracket stating such a unit
    is refused where tracker cannot convert it: its figures are never read in the target's unit."""
    if not text:
        return False
    if units.known(text) is not None or text in units.SCALES:
        return True
    if text.count("/") == 1:
        return all(is_unit(part) for part in text.split("/"))
    scaled = len(text) - len(text.lstrip(_SCALE_CHARACTERS))  # 千瓦时 is one unit: each split is tried
    return any(text[i:] in _OTHER_UNITS or (i > 0 and units.known(text[i:]) is not None) for i in range(scaled + 1))


# The units of one character that, ending a header's words before a slash, make the slash a rate's
# (均价元/平方米); the others (家, 个, 人, 项) end words too often to be read so (新增企业家/个).
_ONE_CHAR_UNITS = frozenset("元米亩吨瓦")


def _rate_unit(head: str) -> int:
    """How many characters at the end of ``head`` (a header's text before a slash) are a unit, so that
    the slash writes a rate of two units (``均价 元/平方米``: 1), or 0 when they are none (``本月新增/亩``)."""
    k = key(head)
    for n in range(min(len(k), 6), 1, -1):
        if is_unit(k[-n:]):
            return n
    return 1 if k[-1:] in _ONE_CHAR_UNITS else 0


# What a unit against a header's words (本月新增平方米) may measure to be read as the header's: an
# amount or an area. A counted noun ends words too often (产业工人, 企业家, 前十位) to be read so.
_GLUED_DIMENSIONS = frozenset({"CNY", "USD", "area"})
_ANY_BRACKET = frozenset("()（）[]［］【】〔〕{}｛｝〈〉《》")
# What a counted noun of one character (人, 家, 个 …) follows when written against a header's words as
# their unit: 数 (企业数家, 人数人) or a figure's word (本月新增人, 1-8月累计家, 完成值个).
_COUNTED_AFTER = ("数", "新增", "累计", "完成", "值", "月", "合计", "总计")


def per_unit(label: str) -> str | None:
    """The figure per unit a header states against its words, as written (``本月新增每十万元`` →
    ``每十万元``, ``本月新增每万人``, ``产值每亩``), or ``None``: 每 before a unit tracker knows, with any
    scale. Such a figure is no quantity's (12 per 十万元 is no 12 万平方米), and no target counts it."""
    if "每" not in label:
        return None
    text = unicodedata.normalize("NFKC", label)
    for m in re.finditer("每", text):
        rest = key(text[m.end() : m.end() + 8])
        for n in range(min(len(rest), 7), 0, -1):
            if units.known(rest[:n]) not in (None, "%"):
                return f"每{rest[:n]}"
    return None


def _glued(label: str) -> str:
    """``label`` with a unit of an amount or an area written against its words at its end
    (``本月新增平方米``, ``1-8月累计亿元``, ``实际利用外资万美元``, ``本月新增亩``) written in brackets
    instead (``本月新增（平方米）``), unless it follows 每, 均, 折 or 按 (``每平方米``: a rate's); of
    one character only 亩 is read so. Any other label, or one with a bracket of its own (whose unit
    :func:`two_units` weighs against it), as it is."""
    if any(c in _ANY_BRACKET for c in label):
        return label
    text = unicodedata.normalize("NFKC", label).rstrip()  # ㎡ as m2, as key writes it
    for n in range(min(len(text), 7), 0, -1):
        tail, before = text[-n:], text[:-n]
        unit = units.known(key(tail))
        if unit is None:
            continue
        # The longest unit ending the words decides: 每十万元 is a rate's, never 万元 after 每十; 万平方米
        # alone is a unit, never 平方米 after the words 万.
        if not before.strip() or unit == "%" or before.endswith(_RATE_WORDS):
            return label
        if units.dimension(unit).startswith("count:"):
            # 就业人数万人, 企业数家, 本月新增人: a counted noun's unit, scaled, or after 数 or a figure's word;
            # one ending another word (企业家, 负责人, 岗位) is the word's
            if not (before.endswith(_COUNTED_AFTER) if n == 1 else tail.startswith(("万", "千", "亿"))):
                return label  # 前十位, 数百人: a scale of 十 or 百 before a noun is a word's
            return f"{before.rstrip()}（{tail}）"
        if units.dimension(unit) not in _GLUED_DIMENSIONS:
            return label
        if n == 1 and tail != "亩":  # of one character only 亩, which ends no word (单元, 多元 end in 元)
            return label
        return f"{before.rstrip()}（{tail}）"
    return label


# One character spaced from the next, as official tables space out a short header to the width of a
# long one (单 位, 本　月, 计 量 单 位): a run of two or more such characters, none against another word.
_SPACED = LazyPattern(r"(?<!\w)[\u4e00-\u9fff](?:[ \t\u3000\xa0]+[\u4e00-\u9fff](?!\w))+")
_BLANKS = LazyPattern(r"[ \t\u3000\xa0]+")


def closed_up(label: str) -> str:
    """``label`` with its words spaced out character by character written together (``单 位`` →
    ``单位``, ``本　月（亿元）`` → ``本月（亿元）``, ``1-8月 累 计`` → ``1-8月 累计``): the one rule for
    spaced header words. A blank between words of several characters stays (``本月新增 亩``: a unit
    after a space), and so does one before a character standing alone (``1-8月 亩``)."""
    if " " not in label and "\u3000" not in label and "\t" not in label and "\xa0" not in label:
        return label
    return _SPACED.sub(lambda m: _BLANKS.sub("", m.group()), label)


# What parts a bracket's words (亩，用地面积; 建筑面积、平方米; 万元/人民币), as NFKC writes them.
_PIECES = LazyPattern(r"\s*[,，、;；/]\s*")
# A unit a word holds within it (用地亩数, 平方米数): of one character only 亩, as _glued reads one
# (单元, 多元 are words).
_UNIT_INSIDE = LazyPattern(r"亩|平方米|平方公里|公顷|平米|[千万亿]元|美元")
# Words beside a unit in a bracket that may say the column's period or figure (1-8月, 本月, 累计, 增减,
# 百分点, 目标, 预计): kept for describe to read; others (用地面积, 建筑面积, 现价) only say what it measures.
_TELLS = LazyPattern(r"[\d月年季期本当累新增减降比率点同环预计划目标]")
_SAID = LazyPattern(r"^(?:计量)?单位\s*[:：]?\s*")  # 单位：亩 among a bracket's words
_QUALIFIED = LazyPattern(r"[(\[【〔]([^()\[\]【】〔〕]*[,，、;；/][^()\[\]【】〔〕]*)[)\]】〕]")


# What an amount is reckoned per over a slash in a header's bracket (万元/年): a span of time, whose
# figure is a rate. Other words there say what the amount is of (万元/用地面积, 万元/现价), as is read.
_PER_TIME = frozenset({"年", "月", "日", "天", "周", "季", "季度", "小时", "时"})


def _amount_per_word(k: str) -> bool:
    """Whether ``k`` (a bracket's words, as :func:`~ledger.names.key` writes them) is an amount's unit
    over a slash before a span of time (``万元/年``, ``元/月``): a rate, never the amount's unit beside
    words (a unit tracker does not know, ``万元/标箱``, :func:`is_unit` reads as a rate already)."""
    first, slash, word = k.partition("/")
    unit = units.known(first)
    return bool(slash) and word in _PER_TIME and unit is not None and units.dimension(unit) in _AMOUNTS


def _qualified(text: str) -> str:
    """``text`` (NFKC) with each bracket holding one unit among words, separated by ``， , 、 / ;``
    (``本月新增（亩，用地面积）``, ``（建筑面积，平方米）``, ``累计（1-8月，亿元）``), written as the unit's bracket
    (``本月新增（亩）``), and the words' before it when they may tell the column's period or figure
    (``累计（1-8月）（亿元）``; :data:`_TELLS`): words saying only what the unit measures (用地面积, 现价,
    人民币) are the unit's. A bracket holding two units (``（吨、亩）``), or a rate (``元/平方米``), is left for
    :func:`two_units` and :func:`unread_unit` to refuse, and a % among words as it is."""

    def split(m: re.Match[str]) -> str:
        inside = m.group(1).strip()
        if is_unit(key(inside)) or _amount_per_word(key(inside)):
            return m.group()  # 元/平方米, 万元/年: a rate, said whole
        pieces = [p for p in _PIECES.split(inside) if p]
        said = [p for p in pieces if is_unit(key(_SAID.sub("", p)))]
        if len(said) != 1 or len(pieces) < 2 or key(said[0]) == "%":
            return m.group()  # a % among words (%，百分点) is read where it stands, as in_brackets leaves it
        unit = f"（{key(_SAID.sub('', said[0]))}）"
        words = "，".join(p for p in pieces if p not in said and _TELLS.search(p))
        return f"（{words}）{unit}" if words else unit

    return _QUALIFIED.sub(split, text)


# What a unit line may write about its unit beyond it: a currency's name (万元人民币, 人民币万元), a full stop.
_CURRENCY = LazyPattern(r"^人民币(?=.*元)|(?<=元)人民币$")
_AFTER = LazyPattern(r"\s*[(\[【]\s*([^()\[\]【】]*?)\s*[)\]】]$")
# The price an amount is reckoned at, written after its unit (万元当年价, 千元现价, 亿元可比价格, 万元按不变价计算):
# what the amount is, never another unit.
_PRICE_BASIS = LazyPattern(r"(?:按|以)?(?:现行|现|当年|当期|可比|不变)价(?:格)?(?:计算|计)?$")
_AMOUNTS = frozenset({"CNY", "USD"})  # the units a price basis is said of; over a slash, a price (万元/吨)


def unit_word(word: str) -> str:
    """The unit a unit line's word writes (NFKC), without what it says of the unit: a bracketed
    qualifier holding no unit (``亩(用地面积)``, ``平方米(建筑面积)``, ``万元(人民币)``), the currency's name
    (``万元人民币``, ``人民币万元``), a full stop (``亩。``) or the price an amount is reckoned at
    (``千元现价``, ``万元当年价``, ``亿元可比价格``): ``亩``, ``平方米``, ``万元``, ``千元``. A word with none
    of these, or whose bracket holds a unit (``万元(亿元)``: which is it?), as it is."""
    text = word.strip().rstrip("。.")
    if (m := _AFTER.search(text)) is not None and m.start() > 0:
        inside = key(m.group(1))
        if not inside or not (is_unit(inside) or _UNIT_INSIDE.search(inside)):
            text = text[: m.start()]
    if "价" in text and (m := _PRICE_BASIS.search(text)) is not None and m.start() > 0:
        amount = units.known(_CURRENCY.sub("", text[: m.start()].strip()))
        if amount is not None and units.dimension(amount) in _AMOUNTS:
            text = text[: m.start()]  # 千元现价: the amount's unit, at current prices
    return _CURRENCY.sub("", text.strip())


def holds_unit(text: str) -> bool:
    """Whether ``text`` states a unit, alone (``吨``), within words (``用地亩数``) or among them
    (``万元(亿元)``, ``亩(用地``), known to tracker or not."""
    k = key(text)
    return is_unit(k) or _UNIT_INSIDE.search(k) is not None or any(is_unit(p) for p in re.split(r"[()\[\],;、/]", k))


def is_qualifier(text: str) -> bool:
    """Whether ``text`` (words after a unit, ``用地面积``) only says what the unit measures: no digit
    (a date, a figure) and no unit (:func:`holds_unit`)."""
    k = key(text).strip("()[]")
    return bool(k) and not any(c.isdigit() for c in k) and not holds_unit(k)


def in_brackets(label: str) -> str:
    """``label`` with a unit written after a slash, a colon or a space, or against its words
    (:func:`_glued`), or among a bracket's words (:func:`_qualified`), written in brackets instead
    (``本月新增/亩``, ``本月新增：亩``, ``本月新增 单位：亩``, ``本月新增 亩``, ``本月新增亩`` → ``本月新增（亩）``;
    ``均价 元/平方米`` → ``均价（元/平方米）``; ``本月新增（亩，用地面积）`` → ``本月新增（亩）``),
    its words spaced out character by character written together first (:func:`closed_up`: ``单 位``
    is ``单位``, never 单 in 位); any other label as it is. A % so written is left: a header says it
    of a growth or a share in so many ways that it is read where it stands."""
    if (closed := closed_up(label)) != label:
        return in_brackets(closed)
    if any(c in label for c in ",，、;；/／") and (split := _qualified(unicodedata.normalize("NFKC", label))) != (
        unicodedata.normalize("NFKC", label)
    ):
        return in_brackets(split)
    if not any(c in label for c in _MARKS):  # most headers: no unit after its words, nor a rare bracket
        return _glued(label)
    text = unicodedata.normalize("NFKC", label).strip()
    if any(b in text for b in "{〈《"):  # {亩}, 〈亩〉, 《亩》: a unit in a bracket names.key keeps as it is
        text = _RARE.sub(lambda m: f"（{m.group(1)}）" if is_unit(key(m.group(1))) else m.group(), text)
    rare = text != unicodedata.normalize("NFKC", label).strip()
    for sep in ("/", ":"):
        head, found, tail = text.rpartition(sep)
        unit = key(tail)
        if not found or not head.strip() or unit == "%" or not is_unit(unit):
            continue
        if sep == ":":
            head = _UNIT_WORD.sub("", head)
        elif n := _rate_unit(head):  # 元/平方米: a rate of two units, said whole
            head, unit = head.rstrip()[:-n], f"{key(head.rstrip()[-n:])}/{unit}"
        if head.strip():
            return f"{head.strip()}（{unit}）"
    head, tail = parts if len(parts := text.rsplit(None, 1)) == 2 else ("", "")  # 本月新增 亩, 本月新增\n亩
    if head.strip() and (unit := key(tail)) != "%" and is_unit(unit):
        return f"{_UNIT_WORD.sub('', head).strip() or head.strip()}（{unit}）"
    return text if rare else _glued(label)


def unread_unit(label: str) -> str | None:
    """The unit ``label`` states (:func:`in_brackets`'s forms) that tracker cannot convert, as
    written (``栋``, ``万千瓦``, ``元/平方米``, ``万``), or ``None``: a header stating none, or one
    :func:`ledger.units.canonical` knows. A bracket after 单位 states a unit whatever it holds."""
    k = key(in_brackets(label))
    if "(" not in k and "[" not in k and "{" not in k and "〈" not in k and "《" not in k:
        return per_unit(label)
    for m in _BRACKET.finditer(k):
        inside = m.group(1)
        said = "单位" in m.group(0)[: m.start(1) - m.start()]
        if units.known(inside) is not None:
            return per_unit(label)
        if is_unit(inside) or (said and re.fullmatch(r"[^,;、/]+", inside)):
            return inside
        if units.known(inside) is None and (
            _UNIT_INSIDE.search(inside) is not None or any(is_unit(p) for p in _PIECES.split(inside))
        ):
            # 本月新增（用地亩数）, （吨/用地/万吨）: a unit within words, or among them beside another (one
            # alone among words is read, in_brackets), is no unit tracker reads; its figures are never
            # taken in the target's unit for it
            return inside
    return per_unit(label)


# A bracket's group in a header (NFKC'd: （） are () already), and what may stand between a unit and
# the words or the bracket beside it (本月新增/亩（平方米）, 本月新增（平方米）、亩).
_GROUP = LazyPattern(r"[(\[{〈《【〔]([^()\[\]{}〈〉《》【】〔〕]*)[)\]}〉》】〕]")
_BETWEEN = LazyPattern(r"^[\s/:;,、，；]*(?:(?:计量)?单位[\s:]*)?|[\s/:;,、，；]*$")
# Units listed in one bracket (亩、平方米; 亩 平方米; 亩或平方米); over a slash, two of one dimension (亩/平方米:
# no rate anyone states) are two units, two of different ones a rate (元/平方米, :func:`unread_unit`).
_LISTED = LazyPattern(r"\s*(?:[、,;:，；：]|或)\s*|\s+")
# Words before a unit written against them that make it a rate's or a conversion's (每平方米, 亩均, 折美元).
_RATE_WORDS = ("每", "均", "折", "按")


# Words ending in a counted noun that are words, not the noun's unit (产业工人（万人）, 企业家, 床位, 事项).
_COUNT_WORDS = ("工人", "法人", "个人", "家人", "老人", "商人", "责任人", "企业家", "专家", "国家", "作家", "厂家", "商家",
                "农家", "大家", "单位", "岗位", "床位", "车位", "泊位", "席位", "学位", "部位", "地位", "到位", "首位",
                "各位", "事项", "款项", "专项", "各个", "整个", "单个", "人次", "批次", "班次", "架次", "层次", "航次",
                "名次", "位次", "档次", "首次", "大宗")  # fmt: skip


def _stated(text: str, glued: bool, beside: tuple[str, ...] = ()) -> list[str]:
    """The known units (not %) a piece of a header outside its brackets states, as written: the
    piece itself a unit (``/亩``), or one after the words' slash, colon or space (``本月新增/亩``),
    or, when ``glued``, one ending the words: of two characters or more (``本月新增平方米``), or of
    one of the dimension of a unit in the bracket after them, ``beside`` (``本月新增亩（平方米）``,
    ``完成额元（万元）``), unless the words end in a word of their own (``产业工人（万人）``,
    ``企业家（个）``: a 家 counted in 个 is a word's)."""
    bare = key(_BETWEEN.sub("", text))
    if not bare:
        return []
    if units.known(bare) not in (None, "%"):
        return [bare]
    k = key(in_brackets(text))
    if k.endswith(")") and "(" in k and units.known(unit := k[k.rindex("(") + 1 : -1]) not in (None, "%"):
        return [unit]
    if glued:
        for n in range(min(len(bare) - 1, 5), 1, -1):
            tail, before = bare[-n:], bare[:-n]
            if units.known(tail) not in (None, "%") and not before.endswith(_RATE_WORDS):
                return [tail]
        one = units.known(bare[-1])
        if one not in (None, "%") and len(bare) > 1 and not bare[:-1].endswith(_RATE_WORDS):
            dimensions = {units.dimension(u) for b in beside if (u := units.known(b)) not in (None, one)}
            if units.dimension(one) in dimensions and not bare.endswith(_COUNT_WORDS):
                return [bare[-1]]
    return []


def _inside(text: str) -> list[str]:
    """The known units (not %) a bracket holds, as written: one (``亩``, ``单位：亩``), or several
    listed (``亩、平方米``, ``亩/平方米`` of one dimension); none for a rate (``元/平方米``)."""
    k = _BETWEEN.sub("", text)
    parts = [key(p) for p in _LISTED.split(k)]
    if len(parts) == 1 and key(k).count("/") == 1:
        pair = key(k).split("/")
        known = [units.known(p) for p in pair]
        if None not in known and units.dimension(known[0]) == units.dimension(known[1]):  # type: ignore[arg-type]
            parts = pair
    return [p for p in parts if units.known(p) not in (None, "%") or (units.known(p) is None and is_unit(p))]


def two_units(label: str) -> tuple[str, str] | None:
    """The first two different units ``label`` states, as written, in the order written: in
    brackets, after its words' slash, colon or space, or against them, before, after or between its
    brackets, with any separator, in full- or half-width (``本月新增（平方米）/亩``, ``本月新增/亩（平方米）``,
    ``本月新增 亩【平方米】``, ``本月新增亩（平方米）``, ``本月新增（亩、平方米）`` → ``("平方米", "亩")`` … ); ``None`` when it
    states one or none. Which one its figures are in cannot be told, and reading either silently
    could be 15 times off (亩 against 平方米). A rate (``均价（元/平方米）``, ``每平方米（元）``) is no
    two units: :func:`unread_unit` names it."""
    text = in_brackets(label)
    if not any(b in text for b in "([{〈《【〔（［"):  # a unit outside brackets is one: in_brackets took it
        return None
    text = unicodedata.normalize("NFKC", text)
    found: list[str] = []
    at = 0
    for m in _GROUP.finditer(text):
        inside = _inside(m.group(1))
        found += _stated(text[at : m.start()], glued=True, beside=tuple(inside))
        found += inside
        at = m.end()
    found += _stated(text[at:], glued=False)
    said: dict[str, str] = {}
    for unit in found:
        said.setdefault(units.known(unit) or unit, unit)
    return tuple(said.values())[:2] if len(said) > 1 else None  # type: ignore[return-value]


_FIGURES = ("value", "month_value", "growth")
_EXAMPLES = "元, 万元, 亿元, 平方米, 万平方米, 亩, 公顷, 家, 个 …, with 千, 万, 百万, 十亿 … before one"


def unread_units(name: str, columns: list[Column]) -> tuple[list[Column], list[str]]:
    """``columns`` with each not understood whose header states a unit tracker cannot read
    (:func:`unread_unit`) saying so (:attr:`Column.why`: no hint offers it as the figure), and the
    refusal of each giving a figure (read so, or named with ``--map``): its figures would be taken in
    the target's unit, which the header says they are not (12 栋 is no 12 万平方米); and of each
    giving a figure whose header states two units (:func:`two_units`)."""
    out: list[Column] = []
    problems: list[str] = []
    for c in columns:
        if c.field in _FIGURES and (both := two_units(c.label)) is not None:
            where = f" ({c.letter})" if c.number else ""
            problems.append(
                f"{name}: column {c.label!r}{where} states two units, {both[0]!r} and {both[1]!r}; head it with the "
                "one its figures are in"
            )
        elif (
            (c.field in _FIGURES or (c.field is None and c.why is None))
            and (unit := unread_unit(c.label))
            and not (c.field == "growth" and unit.startswith("每"))  # 每万元GDP能耗下降率%: a per-unit figure's growth
        ):
            if c.field is None:
                c = dataclasses.replace(c, why=f"in {unit!r}, a unit tracker cannot read")
            else:
                where = f" ({c.letter})" if c.number else ""
                if unit.startswith("每"):
                    problems.append(
                        f"{name}: column {c.label!r}{where} states a figure per unit ({unit!r}), which is no quantity "
                        "a target counts; give the quantity itself under a header in its unit (本月新增（万元）), or "
                        "leave the column out with --map"
                        f" '{c.label}=ignore'"
                    )
                    out.append(c)
                    continue
                said = f"{unit!r} of no quantity" if unit in units.SCALES else f"its unit as {unit!r}"
                problems.append(
                    f"{name}: column {c.label!r}{where} states {said}, which tracker cannot read; head it in a unit "
                    f"tracker converts ({_EXAMPLES}), or convert the figures"
                )
        out.append(c)
    return out, problems


_FIGURE_FIELDS = ("value", "month_value")  # the columns a unit line gives a unit to


def against_unit_line(
    name: str, columns: list[Column], unit: str | None, line_units: dict[str, str], said: dict[str, str]
) -> list[str]:
    """The refusals (one line each) of a column whose header states a unit of the kind a unit line
    or a title above the table states otherwise (``单位：亿元`` over ``1-8月累计（万元）``): which one
    the figures are in cannot be told, as a title and a unit line that disagree cannot, or a header
    and a 单位 cell. ``unit`` is the line's unit of every figure, ``line_units`` its units by kind
    (:func:`ledger.units.dimension`), ``said`` where each was read. A header of another kind (an
    area's 亩 under 单位：万元, a growth's %) is no disagreement, and neither is one beside a figure
    column giving no unit, which the line's unit is for (``单位：亿元`` over ``1-8月累计 | 本月（万元）``:
    the running total in 亿元, the month's figure in 万元)."""
    out: list[str] = []
    if any(col.unit is None and col.field in _FIGURE_FIELDS for col in columns):
        return out
    for col in columns:
        if col.unit is None or col.unit == "%":
            continue
        try:
            kind = units.dimension(col.unit)
            stated = unit if unit is not None and units.dimension(unit) == kind else line_units.get(kind)
        except units.UnitError:
            continue
        if stated is not None and stated != col.unit:
            where = said.get(stated, "the unit line above the table")
            out.append(
                f"{name}: column {col.label!r} ({col.letter}) says {col.unit} but {where} says {stated}; "
                "which is it? correct the sheet"
            )
    return out
