"""Find the claims of an edition: sizes, scores and comparisons stated about models the data knows.

Each sentence is read with its names masked: a model, family or benchmark the vocabulary knows becomes
a token (``⟦M0⟧``, ``⟦F1⟧``, ``⟦B2⟧``), so a number inside a name ("Mixtral 8x7B", "Llama 2 70B") is never
read as a claim, and every pattern below is a regular expression over the masked words. A claim needs a
known model and, for a score, a benchmark of the data right by the number: "85% of programmers",
"goodput increased from 85% to 97%", "30 of 32 benchmarks" or "100% dreaming" state nothing checkable.

Who a claim is about: the model of the clause the number or verb is in. A sentence naming no model is
about the model its paragraph opens with as a label ("**Mistral-small**. … scoring 8.3 on MT-Bench"), and
"it" or "they" stand for the one model of the sentence before. A family ("Gemini") is no model: nothing
said about it is checked.
"""
from __future__ import annotations

import dataclasses
import functools
import math
import re
from dataclasses import dataclass

from superficial.claims.model import Claim
from superficial.claims.sentences import Sentence, sentences
from superficial.claims.terms import Name, Vocabulary

_KIND_LETTER = {"model": "M", "family": "F", "benchmark": "B"}
TOKEN = re.compile(r"⟦([MFB])(\d+)⟧")
MODEL_TOKEN = re.compile(r"⟦M(\d+)⟧")
MODEL = r"⟦M(?P<{}>\d+)⟧"
ANY_MODEL = r"⟦M\d+⟧"
BENCH = r"⟦B(?P<bench>\d+)⟧"

NUMBER = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_NUM_START = r"(?<![\w.,⟧])"  # a whole number, not the end of "v0.2" or "4,096"

# --- sizes ----------------------------------------------------------------------------------------

SIZE = _NUM_START + NUMBER + r"(?:[\s-]*(?P<word>billion|million|trillion|bn)\b|(?P<letter>[BMT])\b)"
UNIT_BILLIONS = {"billion": 1.0, "bn": 1.0, "b": 1.0, "million": 1e-3, "m": 1e-3, "trillion": 1e3, "t": 1e3}
BASIS = r"(?:(?P<basis>total|active|activated|overall)\s+)?"
PARAMS = r"param(?:eter)?s?\b"
APPROX = r"(?:(?:about|around|roughly|approximately|only|just|~)\s*)?"
_SIZE_PHRASE = "(?P<phrase>" + SIZE + r"[\s-]+" + BASIS + PARAMS + ")"
SIZE_PATTERNS = (
    # "Phi-2, a 2.7 billion-parameter language model"
    re.compile(MODEL.format("m") + r"\s*,\s*(?:a|an|the)\s+" + APPROX + _SIZE_PHRASE, re.IGNORECASE),
    # "Mistral 7B is a 7.3B parameter model", "allows Mixtral to scale up to 46.7 billion total parameters"
    re.compile(MODEL.format("m") + r"(?:\s+model)?\s+(?:is|was|has|had|with|boasts|contains|packs|features|uses|"
               r"employs|totals|(?:to\s+)?scales?\s+(?:up\s+)?to|(?:to\s+)?grows?\s+to)\s+(?:(?:a|an)\s+)?"
               + APPROX + _SIZE_PHRASE, re.IGNORECASE),
    # "the 2.7B-parameter Phi-2" (not "more than 13 billion parameters", "up to 46.7B parameters")
    re.compile(r"(?<!than )(?<!to )(?<!over )(?<!under )" + _SIZE_PHRASE + r"\s+(?:model\s+|version\s+)?"
               + MODEL.format("m"), re.IGNORECASE),
)
# "…, while only employing 12.9 billion per token" right after a model's total size: its active size.
ACTIVE_AFTER = re.compile(r"\s*,?\s*(?:while|and|but|with)\s+(?:only\s+)?(?:employing|using|activating|activates|"
                          r"uses|employs|active)\s+(?:only\s+)?(?P<phrase>" + SIZE + r"(?:[\s-]+(?:active\s+)?"
                          + PARAMS + r")?\s*(?:per\s+token|active))", re.IGNORECASE)
# "Nano-1 (1.8B)", "Mixtral 8x7B (46.7B total, 12.9B active)": parentheses holding only sizes.
PARENTHESES = re.compile(MODEL.format("m") + r"\s*\((?P<inside>[^()⟦]*)\)")
SIZE_ITEM = re.compile(SIZE + r"(?P<q>(?:[\s-]+(?:total|active|activated|overall|param(?:eter)?s?|per\s+token))*)",
                       re.IGNORECASE)
SIZE_SEPARATORS = re.compile(r"[\s,;/]*")

# A size claim has a number with a unit.
SIZE_HINT = re.compile(r"\d[\s-]*(?:[BMT]\b|billion|million|trillion|bn\b)", re.IGNORECASE)

# --- scores ---------------------------------------------------------------------------------------

SCORE = _NUM_START + NUMBER + r"\s*(?P<pct>%|percent\b)?"
BOUNDS = {"over": ">", "more than": ">", "above": ">", "at least": ">=", "under": "<", "less than": "<",
          "below": "<", "up to": "<="}
BOUND = r"(?:(?P<bound>over|more than|above|at least|under|less than|below|up to|about|around|roughly|" \
        r"approximately|nearly|almost|~)\s*)?"
# What may follow a score that is not "on <benchmark>": the end of a clause or a joining word, never a
# noun ("an MMLU of 57 subjects").
_SCORE_END = r"(?=\s*(?:[,.;:)]|$|(?:and|while|whereas|but|on|in|with|using|under|vs|versus|compared|which|than)\b|\())"
SCORE_PATTERNS = (
    # "8.3 on MT-Bench", "90.0% on MMLU", "69% on the 5-shot MMLU" (not "improved by 5 points on MMLU")
    re.compile(r"(?<!by )(?<!\+)(?P<phrase>" + BOUND + SCORE + r"(?:\s*points?)?\s+(?:on|in|at)\s+(?:the\s+)?"
               r"(?:(?:complete|full|\d+-shot|zero-shot|few-shot)\s+)?" + BENCH + ")", re.IGNORECASE),
    # "an 8.6 MT-Bench score", "a 1201 Elo rating"
    re.compile("(?P<phrase>" + BOUND + SCORE + r"\s+" + BENCH + r"\s+(?:score|result|rating|accuracy)s?\b)",
               re.IGNORECASE),
    # "MMLU of 86.4", "an MMLU score of 86.4", "its MMLU score is 86.4", "MMLU: 86.4"
    re.compile("(?P<phrase>" + BENCH + r"(?:\s+(?:score|result|accuracy|rating))?(?:\s+(?:of|at|is|was|stands\s+at)\s+|"
               r"\s*[:=]\s*)"
               + BOUND + SCORE + ")" + _SCORE_END, re.IGNORECASE),
)
# "Gemini Ultra (90.0%)" in a sentence naming one benchmark.
SCORE_IN_PARENTHESES = re.compile(MODEL.format("m") + r"\s*\(\s*(?P<phrase>" + BOUND + SCORE + r")\s*\)",
                                  re.IGNORECASE)

# --- comparisons ----------------------------------------------------------------------------------

_S = r"(?:s|es|ed|d|ing)?"
VERBS = re.compile(
    r"\b(?:"
    r"(?P<at_least>match(?:es|ed|ing)?\s+or\s+(?:even\s+)?(?:outperform|beat|exceed|surpass|outscore)" + _S
    + r"|(?:is|are|was|were)\s+on\s+par\s+with\s+or\s+better\s+than)"
    r"|(?P<worse>(?:is|are|was|were|been|being|gets?|got)\s+(?:\w+\s+)?(?:outperformed|surpassed|beaten|beat|"
    r"dethroned|exceeded|overtaken|outscored)\s+by|trail" + _S + r"|lag(?:s|ged|ging)?\s+behind|"
    r"fall(?:s|ing)?\s+short\s+of|fell\s+short\s+of|underperform" + _S + r"|(?:is|are|was|were)\s+worse\s+than|"
    r"perform" + _S + r"\s+worse\s+than)"
    r"|(?P<better>outperform" + _S + r"|surpass" + _S + r"|beat(?:s|ing)?|dethron(?:e|es|ed|ing)|exceed" + _S
    + r"|outscor(?:e|es|ed|ing)|overt(?:ake|akes|aking|ook)|edg(?:e|es|ed|ing)\s+out|"
    r"(?:perform" + _S + r"|does|did|do|scor(?:e|es|ed|ing))\s+better\s+than|(?:is|are|was|were)\s+better\s+than)"
    r"|(?P<matches>match(?:es|ed|ing)?|rival" + _S + r"|(?:is|are|was|were)\s+(?:on\s+par|level)\s+with|"
    r"(?:is|are|was|were)\s+comparable\s+to)"
    r"|(?:(?:is|are|was|were)\s+)?(?:(?:about|roughly|nearly|around|some)\s+)?" + NUMBER.replace("num", "ratio")
    + r"\s*(?:x|×|times)\s+(?P<size>larger|bigger|smaller)\s+than"
    r")\b", re.IGNORECASE)
# What a sentence naming fewer than two models needs for a comparison: "models", or a pronoun for the subject.
OBJECT_HINT = re.compile(r"\bmodels?\b|\b(?:it|they)\b", re.IGNORECASE)
# The subject right before the verb: a model, a family or a pronoun, with at most four words between
# ("GPT-4 seems to outperform", "the GPT-4 model seems to perform better than").
SUBJECT = re.compile(r"(?P<subject>⟦[MF](?P<index>\d+)⟧|\b(?:it|they)\b)(?:\s*\([^()]*\))?"
                     r"(?P<between>(?:\s+[\w'’]+){0,4}?)\s*$", re.IGNORECASE)
NEGATION = re.compile(r"\b(?:not|never|fails?\s+to|failed\s+to|cannot)\b|n[’']t\b", re.IGNORECASE)
CONDITION = re.compile(r"\b(?:if|whether|unless)\b", re.IGNORECASE)
_LEAD = r"\s+(?:(?:the|both|all|even|also|every|any)\s+)*"
OBJECTS = re.compile(_LEAD + r"(?P<objects>" + ANY_MODEL + r"(?:(?:\s*,\s*(?:and\s+|or\s+)?|\s*&\s*|\s+and\s+|\s+or\s+|"
                     r"\s+as\s+well\s+as\s+)" + ANY_MODEL + r")*)")
# "models up to 25x larger", "other models 10-25 times bigger"
GROUP = re.compile(_LEAD + r"(?:other\s+)?models?\s+(?:that\s+are\s+|which\s+are\s+)?(?:up\s+to\s+(?P<upto>\d+(?:\.\d+)?)"
                   r"|(?P<low>\d+(?:\.\d+)?)\s*[-–]\s*(?P<high>\d+(?:\.\d+)?))\s*(?:x|×|times)\s+(?:larger|bigger)\b",
                   re.IGNORECASE)
# A comparison about something the data does not measure, unless the sentence says benchmarks.
OTHER_MEASURES = re.compile(
    r"\b(?:fast(?:er)?|slow(?:er)?|speed|latency|throughput|cheap(?:er)?|cost(?:s|ly|lier)?|pric(?:e|es|ier)|"
    r"contexts?|documents?|depths?|memory|languages?|multilingual|multimodal|images?|videos?|audio|vision|"
    r"sequences?|hardware|energy)\b", re.IGNORECASE)
BENCHMARK_WORD = re.compile(r"\b(?:benchmarks?|evals?|evaluations?|leaderboards?)\b", re.IGNORECASE)
NEGATED = {"better": "not_better", "at_least": "worse", "worse": "at_least"}

# Where a clause ends (a parenthesis is an aside within one: "Gemini Ultra (90.0%) edges out GPT-4").
CLAUSE_BREAK = re.compile(r"[;:—–]|,(?!\d)|\s-\s|\b(?:while|whereas|but)\b", re.IGNORECASE)
# A model right after an object list that starts a clause of its own: "…than Llama 2 70B, and Mixtral 8x7B is …"
NEW_CLAUSE = re.compile(r"\s+(?:\w+\s+)?(?:is|are|was|were|has|have|had|scor(?:e|es|ed)|posts?|reach(?:es|ed)|"
                        r"achiev(?:e|es|ed))\b", re.IGNORECASE)
PRONOUN_START = re.compile(r"^\W*(?:it|its|it[’']s|they|their|this model|the model)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Masked:
    """A sentence with its names as tokens; ``names[i]`` is the name of token ``i``."""

    sentence: Sentence
    text: str
    names: tuple[Name, ...]

    @functools.cached_property
    def breaks(self) -> list[tuple[int, int]]:
        """Where its clauses end: (start, end) of each break."""
        return [m.span() for m in CLAUSE_BREAK.finditer(self.text)]

    def unmask(self, fragment: str) -> str:
        """A fragment of the masked text in the sentence's own words."""
        return TOKEN.sub(lambda m: self._written(int(m.group(2))), fragment).strip()

    def _written(self, index: int) -> str:
        name = self.names[index]
        return self.sentence.text[name.start:name.end]

    def target(self, index: int | str) -> str:
        return self.names[int(index)].target

    def models(self, start: int = 0, end: int | None = None) -> list[str]:
        """The models named in ``text[start:end]``, in order, each once."""
        return list(dict.fromkeys(self.target(m.group(1)) for m in MODEL_TOKEN.finditer(self.text[start:end])))

    def benchmarks(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(n.target for n in self.names if n.kind == "benchmark"))

    def families_in(self, start: int, end: int) -> bool:
        return "⟦F" in self.text[start:end]


def mask(sentence: Sentence, vocabulary: Vocabulary) -> Masked:
    names = vocabulary.names(sentence.text)
    parts, at = [], 0
    for index, name in enumerate(names):
        parts += [sentence.text[at:name.start], f"⟦{_KIND_LETTER[name.kind]}{index}⟧"]
        at = name.end
    parts.append(sentence.text[at:])
    return Masked(sentence, "".join(parts), tuple(names))


def _number(text: str) -> tuple[float, int]:
    """A written number's value and its decimals: "4,096" → (4096, 0), "8.30" → (8.3, 2)."""
    plain = text.replace(",", "")
    return float(plain), len(plain.split(".")[1]) if "." in plain else 0


# --- who a claim is about ---------------------------------------------------------------------------

@dataclass
class RunContext:
    """What earlier sentences of the same paragraph say about who later ones are about."""

    label: str | None = None  # the model the paragraph opens with as a label ("**Mistral-small**.")
    previous: list[str] | None = None  # the models of the sentence before
    benchmarks: tuple[str, ...] = ()  # every benchmark the paragraph names


def _is_label(masked: Masked) -> str | None:
    """The model a sentence is made of alone (with punctuation or an emoji), else None."""
    match = re.fullmatch(r"[^\w⟦]*⟦M(\d+)⟧[^\w⟦]*", masked.text)
    return masked.target(match.group(1)) if match else None


def _inherited(masked: Masked, context: RunContext) -> str | None:
    """The model a sentence naming none is about: a pronoun's (the one model of the sentence before), or the label's."""
    if PRONOUN_START.match(masked.text) and context.previous and len(context.previous) == 1:
        return context.previous[0]
    return context.label


def _clause_start(masked: Masked, position: int) -> int:
    return max((end for _, end in masked.breaks if end <= position), default=0)


def _clause(masked: Masked, start: int, end: int) -> tuple[int, int]:
    """The clause around ``text[start:end]``."""
    after = min((at for at, _ in masked.breaks if at >= end), default=len(masked.text))
    return _clause_start(masked, start), after


def _setting(masked: Masked, span: tuple[int, int], benchmarks: tuple[str, ...], alone: bool,
             vocabulary: Vocabulary) -> str | None:
    """The setting named in the claim's clause; or in its sentence, when the sentence states nothing else."""
    start, end = _clause(masked, *span)
    found = vocabulary.setting_named(masked.unmask(masked.text[start:end]), benchmarks)
    if found is None and alone:
        found = vocabulary.setting_named(masked.sentence.text, benchmarks)
    return found


def _one_subject(masked: Masked, start: int, end: int) -> str | None | bool:
    """The model ``text[start:end]`` is about: its one model, or its first when a comparison verb follows it;
    False when it names none, None when it is ambiguous or names a family."""
    if masked.families_in(start, end) and not masked.models(start, end):
        return None
    found = list(MODEL_TOKEN.finditer(masked.text[start:end]))
    models = list(dict.fromkeys(masked.target(m.group(1)) for m in found))
    if not models:
        return False
    if len(models) == 1:
        return models[0]
    between = masked.text[start + found[0].end():start + found[1].start()]
    return masked.target(found[0].group(1)) if VERBS.search(between) else None


def _subject(masked: Masked, position: int, context: RunContext) -> str | None:
    """The model a number at ``position`` is about: its clause's, else its sentence's, else the inherited one."""
    for start, end in ((_clause_start(masked, position), position), (0, position), (0, len(masked.text))):
        found = _one_subject(masked, start, end)
        if found is not False:
            return found
    return _inherited(masked, context)


# --- the three kinds --------------------------------------------------------------------------------

def _size_claim(masked: Masked, model: str, match: re.Match, stated: str, basis: str) -> Claim:
    value, decimals = _number(match.group("num"))
    unit = (match.group("word") or match.group("letter")).lower()
    # In billions a size gains digits: 350 million is 0.350 billion, stated to the million.
    extra = {"million": 3, "m": 3, "trillion": -3, "t": -3}.get(unit, 0)
    decimals = max(decimals + extra, 0)
    return Claim(line=masked.sentence.line, run=masked.sentence.run, sentence=masked.sentence.text, kind="params",
                 models=(model,),
                 stated=masked.unmask(stated), value=round(value * UNIT_BILLIONS[unit], decimals), decimals=decimals,
                 basis=basis)


def _basis(words: str | None) -> str:
    return "active" if re.search(r"active|per\s+token", words or "", re.IGNORECASE) else "total"


def size_claims(masked: Masked) -> list[tuple[int, Claim]]:
    """The sizes a sentence states, each with its position."""
    found: dict[int, Claim] = {}
    if not SIZE_HINT.search(masked.text):
        return []
    for pattern in SIZE_PATTERNS:
        for match in pattern.finditer(masked.text):
            model = masked.target(match.group("m"))
            found.setdefault(match.start("num"), _size_claim(masked, model, match, match.group("phrase"),
                                                             _basis(match.group("basis"))))
            after = ACTIVE_AFTER.match(masked.text, match.end())
            if after:
                found.setdefault(after.start("num"), _size_claim(masked, model, after, after.group("phrase"), "active"))
    for match in PARENTHESES.finditer(masked.text):
        inside = match.group("inside")
        items = list(SIZE_ITEM.finditer(inside))
        if items and SIZE_SEPARATORS.fullmatch(SIZE_ITEM.sub("", inside)) is not None:
            for item in items:
                found.setdefault(match.start("inside") + item.start(), _size_claim(
                    masked, masked.target(match.group("m")), item, item.group(0), _basis(item.group("q"))))
    return list(found.items())


def _score_claim(masked: Masked, model: str, benchmark: str, match: re.Match) -> Claim:
    value, decimals = _number(match.group("num"))
    bound = BOUNDS.get((match.group("bound") or "").lower(), "=")
    return Claim(line=masked.sentence.line, run=masked.sentence.run, sentence=masked.sentence.text, kind="score",
                 models=(model,),
                 stated=masked.unmask(match.group("phrase")), value=value, decimals=decimals, bound=bound,
                 benchmarks=(benchmark,))


def _in_range(claim: Claim, match: re.Match, vocabulary: Vocabulary) -> bool:
    """Whether a number can be a score of the benchmark ("8.3% on MT-Bench", "1250 on MMLU" cannot)."""
    low, high = vocabulary.limits.get(claim.benchmarks[0], (-math.inf, math.inf))
    return low <= claim.value <= high and not (match.group("pct") and high != 100)


def score_claims(masked: Masked, context: RunContext, vocabulary: Vocabulary) -> list[tuple[int, Claim]]:
    """The scores a sentence states, each with its position."""
    found: dict[int, tuple[Claim | None, re.Match]] = {}
    if "⟦B" not in masked.text:
        return []
    for pattern in SCORE_PATTERNS:
        for match in pattern.finditer(masked.text):
            if match.start("num") not in found:
                model = _subject(masked, match.start(), context)
                claim = model and _score_claim(masked, model, masked.target(match.group("bench")), match)
                found[match.start("num")] = claim, match
    benchmarks = masked.benchmarks()
    if len(benchmarks) == 1:
        for match in SCORE_IN_PARENTHESES.finditer(masked.text):
            if match.start("num") not in found:
                found[match.start("num")] = _score_claim(masked, masked.target(match.group("m")), benchmarks[0],
                                                         match), match
    kept = {at: (claim, match) for at, (claim, match) in found.items()
            if claim is not None and _in_range(claim, match, vocabulary)}
    return [(at, dataclasses.replace(claim, setting=_setting(masked, match.span("phrase"), claim.benchmarks,
                                                             len(kept) == 1, vocabulary)))
            for at, (claim, match) in kept.items()]


def _comparison_subject(masked: Masked, verb: re.Match, context: RunContext) -> tuple[str | None, int]:
    """The model before a comparison verb (or a pronoun's), and where the claim's words start: at the verb, or
    at a negation between the model and the verb."""
    start = _clause_start(masked, verb.start())
    before = masked.text[start:verb.start()]
    if CONDITION.search(before):
        return None, 0  # "if Gemini can beat GPT-4": not said to happen
    match = SUBJECT.search(before)
    if match is None:
        return None, 0
    # A negated claim is stated from the words before its verb: "does not beat Mixtral".
    stated_from = start + match.start("between") if NEGATION.search(match.group("between")) else verb.start()
    if match.group("index") is not None:
        name = masked.names[int(match.group("index"))]
        return (name.target if name.kind == "model" else None), stated_from
    if context.previous and len(context.previous) == 1:
        return context.previous[0], stated_from
    return context.label, stated_from


def _relation(verb: re.Match) -> str:
    if verb.group("size"):
        return "smaller" if verb.group("size").lower() == "smaller" else "larger"
    return next(kind for kind in ("at_least", "worse", "better", "matches") if verb.group(kind))


def comparison_claims(masked: Masked, context: RunContext, vocabulary: Vocabulary) -> list[tuple[int, Claim]]:
    """The comparisons a sentence states, each with its position."""
    text = masked.text
    if text.rstrip().endswith("?"):
        return []  # asked, not stated
    if text.count("⟦M") < 2 and not OBJECT_HINT.search(text):
        return []  # a comparison names another model, a pronoun's, or "models"
    found = []
    for verb in VERBS.finditer(text):
        subject, stated_from = _comparison_subject(masked, verb, context)
        if subject is None:
            continue
        relation = _relation(verb)
        if stated_from < verb.start():
            if relation not in NEGATED:
                continue
            relation = NEGATED[relation]
        sized = relation in ("larger", "smaller")
        objects = OBJECTS.match(text, verb.end())
        group = GROUP.match(text, verb.end()) if not sized else None
        if objects is None and group is None:
            continue
        others, end = (), group.end() if group else 0
        if objects is not None:
            listed = list(MODEL_TOKEN.finditer(objects.group("objects")))[:1 if sized else None]
            while len(listed) > 1 and NEW_CLAUSE.match(text, objects.start("objects") + listed[-1].end()):
                listed.pop()  # "…, and Mixtral 8x7B is 10x larger": the subject of the next clause
            end = objects.start("objects") + listed[-1].end()
            others = tuple(dict.fromkeys(m for m in (masked.target(t.group(1)) for t in listed) if m != subject))
            if not others:
                continue
        benchmarks, scope = masked.benchmarks(), "named"
        if not benchmarks and not sized:
            if OTHER_MEASURES.search(masked.sentence.text) and not BENCHMARK_WORD.search(masked.sentence.text):
                continue  # "outperforms Claude-2.1 across various document depths": not a benchmark claim
            benchmarks, scope = (context.benchmarks, "context") if context.benchmarks else ((), "all")
        value, decimals, ratio = None, 0, None
        if verb.group("ratio"):
            value, decimals = _number(verb.group("ratio"))
        elif group is not None:
            value, decimals = _number(group.group("upto") or group.group("high"))
            ratio = (float(group.group("low")) if group.group("low") else 1.0, value)
        found.append((verb.start(), (stated_from, end), Claim(
            line=masked.sentence.line, run=masked.sentence.run, sentence=masked.sentence.text, kind="comparison",
            models=(subject, *others),
            stated=masked.unmask(text[stated_from:end]), value=value, decimals=decimals, benchmarks=benchmarks,
            scope=scope, relation=relation, size_ratio=ratio)))
    return [(at, claim if claim.relation in ("larger", "smaller") else dataclasses.replace(
                claim, setting=_setting(masked, span, claim.benchmarks, len(found) == 1, vocabulary)))
            for at, span, claim in found]


# --- an edition ----------------------------------------------------------------------------------

def claims_in(items: tuple[Sentence, ...], vocabulary: Vocabulary) -> tuple[Claim, ...]:
    """The claims of sentences in reading order."""
    out: list[Claim] = []
    masked_runs: dict[int, list[Masked]] = {}
    for sentence in items:
        masked_runs.setdefault(sentence.run, []).append(mask(sentence, vocabulary))
    for run in masked_runs.values():
        context = RunContext(label=_is_label(run[0]),
                             benchmarks=tuple(dict.fromkeys(b for m in run for b in m.benchmarks())))
        for masked in run:
            if "⟦M" in masked.text or context.label or context.previous:
                found = [*size_claims(masked), *score_claims(masked, context, vocabulary),
                         *comparison_claims(masked, context, vocabulary)]
                out += [claim for _, claim in sorted(found, key=lambda pair: pair[0])]
            context.previous = masked.models()
    return tuple(out)


def find_claims(body: str, fmt: str, vocabulary: Vocabulary) -> tuple[Claim, ...]:
    """Every claim of an edition body ("markdown" or "text"), in reading order."""
    return claims_in(sentences(body, fmt), vocabulary)
