"""Build a synthetic corpus for benchmarking by recombining sentences of the seed articles.

    python benchmarks/make_corpus.py --articles 1000 --out /tmp/corpus [--seed 2024] [--size 5000]

Each article is about --size bytes of seed sentences in a random order, with dates, numbers,
amounts and official names perturbed. Most articles carry a dateline under the title; about
one in five has YAML front matter (title, published, outlet) instead, and about one in twenty
ends with page furniture (comment forms, social links, a copyright line). Files are named
000123.txt and spread over subdirectories of 1,000 files each.

The output depends only on the arguments and the seed texts: the same arguments give
byte-identical files, and a smaller corpus is a prefix of a larger one with the same seed.
Standard library only.
"""

from __future__ import annotations

import argparse
import calendar
import json
import random
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

DEFAULT_SEED = 2024
DEFAULT_SIZE = 5000
FILES_PER_DIRECTORY = 1000
SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"

# Seed lines that are page furniture, not prose (matched against the whole stripped line).
_FURNITURE = re.compile(
    r"no time to read\??|get a summary|(?:previous|next) article|leave a reply|follow us on social"
    r"|related posts|facebook twitter youtube|©.*|your email address will not be published.*"
    r"|with your current subscription plan.*|you may be interested in:.*",
    re.IGNORECASE,
)
# After one of these, the rest of a seed file is page footer (linked headlines, author bios).
_FOOTER_START = re.compile(
    r"(?:previous|next) article|leave a reply|follow us on social|related posts|©.*"
    r"|with your current subscription plan.*|you may be interested in:.*",
    re.IGNORECASE,
)
# A sentence ends at . ! or ? (and any closing quote) before whitespace and a capital letter.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[“\"‘'(]?[A-Z])|(?<=[.!?][”\"’')])\s+(?=[“\"‘'(]?[A-Z])")
# A fragment ending like this was cut at an abbreviation ("U.S. National"), not a sentence end.
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.)+$|\b(?:Mr|Mrs|Ms|Dr|Jr|Sr|St|Gen|Prof|No)\.$")
_SENTENCE_END = re.compile(r"[.!?][”\"’')]*$")
_MIN_SENTENCE_WORDS = 5
_MAX_TITLE_CHARS = 100

MONTH_NAMES = tuple(calendar.month_name)[1:]
MONTH_ABBREVIATIONS = tuple(calendar.month_abbr)[1:]
_MONTH = "|".join(MONTH_NAMES + MONTH_ABBREVIATIONS)
_FULL_MONTH = "|".join(MONTH_NAMES)
_AMOUNT_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|several"
# One pass over a sentence; alternatives are tried in order at each position, so a full date
# wins over its month-day part, and a year or an amount wins over a bare number.
_PERTURBABLE = re.compile(
    rf"(?P<mdy>\b(?P<mdy_month>{_MONTH})\.?\s+(?P<mdy_day>\d{{1,2}}),?\s+(?P<mdy_year>(?:19|20)\d{{2}})\b)"
    rf"|(?P<dmy>\b(?P<dmy_day>\d{{1,2}})\s+(?P<dmy_month>{_MONTH})\.?,?\s+(?P<dmy_year>(?:19|20)\d{{2}})\b)"
    rf"|(?P<md>\b(?P<md_month>{_FULL_MONTH})\s+(?P<md_day>\d{{1,2}})\b)"
    rf"|(?P<amount>\b(?:\d+(?:\.\d+)?|{_AMOUNT_WORDS})\s+(?:million|billion|trillion)\b)"
    r"|(?P<year>\b(?:19|20)\d{2}\b)"
    r"|(?P<number>(?<![Pp]illar )\b\d{1,3}(?:,\d{3})+\b|(?<![Pp]illar )\b\d+\b)"
)
_PERTURB_PROBABILITY = 0.7
_YEARS = (2019, 2025)
_BARE_YEARS = (2010, 2025)

# Officials named in the seeds (full name, the short form used on later mentions) and a few
# invented ones; names are swapped among all of them.
SEED_NAMES: tuple[tuple[str, str], ...] = (
    ("Kurt Campbell", "Campbell"),
    ("Richard Marles", "Marles"),
    ("Minoru Kihara", "Kihara"),
    ("Hirokazu Matsuno", "Matsuno"),
    ("Rahm Emanuel", "Emanuel"),
    ("Anthony Albanese", "Albanese"),
    ("Mao Ning", "Mao Ning"),
    ("Dmitry Peskov", "Peskov"),
    ("Fumio Kishida", "Kishida"),
    ("Joe Biden", "Biden"),
    ("Mira Rapp-Hooper", "Rapp-Hooper"),
    ("John Blaxland", "Blaxland"),
    ("Hirohito Ogi", "Ogi"),
    ("Peter Dean", "Dean"),
    ("Tom Corben", "Corben"),
    ("Ryosuke Hanada", "Hanada"),
    ("Andrew Dowse", "Dowse"),
    ("Vasily Kashin", "Kashin"),
)
INVENTED_NAMES: tuple[tuple[str, str], ...] = (
    ("Helen Marsh", "Marsh"),
    ("Kenji Okada", "Okada"),
    ("Daniel Whitford", "Whitford"),
    ("Yuki Tanaka", "Tanaka"),
    ("Chen Rui", "Chen Rui"),
    ("Margaret Ellison", "Ellison"),
)
_NAME_SWAP_PROBABILITY = 0.6

PLACES = ("Tokyo", "Canberra", "Washington", "London", "Beijing", "Sydney", "Moscow", "Seoul")
AGENCIES = ("AJMEDIA", "KYODO", "AFP", "REUTERS", "XINHUA", "TASS", "JIJI")
OUTLETS = (
    "Kyodo News",
    "Nikkei Asia",
    "The Japan Times",
    "Reuters",
    "ABC News",
    "Sankei Shimbun",
    "South China Morning Post",
    "The Diplomat",
    "Defense News",
    "Global Times",
)
TITLE_TEMPLATES = (
    "{name} says Japan could join AUKUS Pillar II",
    "AUKUS partners weigh closer defense ties with Japan",
    "What Japan's AUKUS role means for the Indo-Pacific",
    "{name}: no decision yet on Japan and AUKUS",
    "Japan and AUKUS: {number} questions on Pillar II",
    "Tokyo's AUKUS ambitions face cybersecurity hurdles",
)
FOOTER_LINES = (
    "No time to read?",
    "Get a summary",
    "Previous Article",
    "Next Article",
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
    "Follow us on social",
    "Facebook Twitter Youtube",
    "Related Posts",
    "© KYODO",
)
FRONT_MATTER_SHARE = 0.20
FOOTER_SHARE = 0.05


@dataclass(frozen=True)
class SeedMaterial:
    """What articles are built from: prose sentences and short titles of the seed articles."""

    sentences: tuple[str, ...]
    titles: tuple[str, ...]


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of one paragraph, by a simple regex; abbreviation splits are mended."""
    pieces: list[str] = []
    for piece in _SENTENCE_BREAK.split(paragraph.strip()):
        if pieces and _ABBREVIATION_END.search(pieces[-1]):
            pieces[-1] = f"{pieces[-1]} {piece}"
        else:
            pieces.append(piece)
    return pieces


def is_prose(sentence: str) -> bool:
    return len(sentence.split()) >= _MIN_SENTENCE_WORDS and bool(_SENTENCE_END.search(sentence))


def seed_material(seeds_dir: Path = SEEDS_DIR) -> SeedMaterial:
    """Sentences and titles of every .txt seed article, in a stable order, without duplicates."""
    sentences: dict[str, None] = {}
    titles: dict[str, None] = {}
    paths = sorted(seeds_dir.glob("*.txt"))
    if not paths:
        raise FileNotFoundError(f"no .txt seed articles in {seeds_dir}")
    for path in paths:
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        first = next((i for i, line in enumerate(lines) if line), None)
        for index, line in enumerate(lines):
            if not line or _FURNITURE.fullmatch(line):
                if line and _FOOTER_START.fullmatch(line):
                    break
                continue
            if index == first and not (is_prose(line) and len(line) > _MAX_TITLE_CHARS):
                if len(line) <= _MAX_TITLE_CHARS:
                    titles[line] = None
                continue
            for sentence in split_sentences(line):
                if is_prose(sentence):
                    sentences[sentence] = None
    return SeedMaterial(tuple(sentences), tuple(titles))


def random_date(rng: random.Random, years: tuple[int, int] = _YEARS) -> tuple[int, int, int]:
    year = rng.randint(*years)
    month = rng.randint(1, 12)
    return year, month, rng.randint(1, calendar.monthrange(year, month)[1])


def format_date(rng: random.Random, year: int, month: int, day: int) -> str:
    """One of the written forms: '4 Mar, 2024', 'March 4, 2024' or '4 March 2024'."""
    form = rng.randrange(3)
    if form == 0:
        return f"{day} {MONTH_ABBREVIATIONS[month - 1]}, {year}"
    if form == 1:
        return f"{MONTH_NAMES[month - 1]} {day}, {year}"
    return f"{day} {MONTH_NAMES[month - 1]} {year}"


def perturb_number(rng: random.Random, text: str) -> str:
    value = int(text.replace(",", ""))
    new = rng.randint(max(1, value // 2), value * 2 + 2)
    return f"{new:,}" if "," in text or new >= 10_000 else str(new)


def perturb_amount(rng: random.Random, text: str) -> str:
    unit = rng.choice(("million", "billion", "billion", "trillion"))
    form = rng.randrange(3)
    if form == 0:
        return f"{rng.choice(_AMOUNT_WORDS.split('|'))} {unit}"
    if form == 1:
        return f"{rng.randint(1, 99) / 10:.1f} {unit}"
    return f"{rng.randint(2, 950)} {unit}"


def perturb_values(rng: random.Random, text: str) -> str:
    """Replace most dates, years, amounts and numbers of a sentence with random ones."""

    def replace(match: re.Match[str]) -> str:
        if rng.random() >= _PERTURB_PROBABILITY:
            return match.group()
        kind = match.lastgroup
        if kind in ("mdy", "dmy"):
            return format_date(rng, *random_date(rng))
        if kind == "md":
            _, month, day = random_date(rng)
            return f"{MONTH_NAMES[month - 1]} {day}"
        if kind == "amount":
            return perturb_amount(rng, match.group())
        if kind == "year":
            return str(rng.randint(*_BARE_YEARS))
        return perturb_number(rng, match.group())

    return _PERTURBABLE.sub(replace, text)


class NameSwapper:
    """An article's own random mapping of official names to other names (full and short forms)."""

    _ALL = SEED_NAMES + INVENTED_NAMES
    _PATTERN = re.compile(
        r"\b(?:"
        + "|".join(
            re.escape(name)
            for name in sorted({n for pair in SEED_NAMES for n in pair}, key=lambda n: (-len(n), n))
        )
        + r")\b"
    )

    def __init__(self, rng: random.Random) -> None:
        self.mapping: dict[str, str] = {}
        for full, short in SEED_NAMES:
            if rng.random() < _NAME_SWAP_PROBABILITY:
                new_full, new_short = rng.choice(self._ALL)
                self.mapping[full] = new_full
                self.mapping.setdefault(short, new_short)

    def __call__(self, text: str) -> str:
        return self._PATTERN.sub(lambda match: self.mapping.get(match.group(), match.group()), text)


def make_title(rng: random.Random, material: SeedMaterial, swap: NameSwapper) -> str:
    if material.titles and rng.random() < 0.5:
        return swap(rng.choice(material.titles))
    name = rng.choice(SEED_NAMES + INVENTED_NAMES)[0]
    return rng.choice(TITLE_TEMPLATES).format(name=name, number=rng.randint(3, 12))


def make_dateline(rng: random.Random) -> str:
    """A dateline in one of the forms the seeds use."""
    year, month, day = random_date(rng)
    form = rng.randrange(4)
    if form == 0:  # Tokyo, 12 May 2024 /AJMEDIA/
        return f"{rng.choice(PLACES)}, {day} {MONTH_NAMES[month - 1]} {year} /{rng.choice(AGENCIES)}/"
    if form == 1:  # 4 Mar, 2024 16:32
        hour, minute = rng.randint(0, 23), rng.randint(0, 59)
        stamp = f"{day} {MONTH_ABBREVIATIONS[month - 1]}, {year} {hour:02d}:{minute:02d}"
        return stamp + (f" / Updated {rng.randint(2, 11)} months ago" if rng.random() < 0.3 else "")
    if form == 2:  # March 4, 2024
        return f"{MONTH_NAMES[month - 1]} {day}, {year}"
    return f"{rng.choice(PLACES)}, {MONTH_NAMES[month - 1]} {day}, {year} /{rng.choice(AGENCIES)}/"


def make_front_matter(rng: random.Random, title: str) -> str:
    year, month, day = random_date(rng)
    published = (
        f"{year:04d}-{month:02d}-{day:02d}"
        if rng.random() < 0.7
        else json.dumps(f"{day} {MONTH_NAMES[month - 1]} {year}")
    )
    return (
        f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\npublished: {published}\n"
        f"outlet: {rng.choice(OUTLETS)}\n---\n"
    )


def make_article(rng: random.Random, material: SeedMaterial, size: int = DEFAULT_SIZE) -> str:
    """One article's text: a header, then paragraphs of 2-5 sentences until about size bytes."""
    swap = NameSwapper(rng)
    title = make_title(rng, material, swap)
    if rng.random() < FRONT_MATTER_SHARE:
        header = f"{make_front_matter(rng, title)}{title}\n"
    else:
        header = f"{title}\n\n{make_dateline(rng)}\n"
    total = len(header.encode("utf-8"))
    order: list[str] = []
    paragraphs: list[str] = []
    while total < size:
        sentences: list[str] = []
        for _ in range(rng.randint(2, 5)):
            if not order:
                order = list(material.sentences)
                rng.shuffle(order)
            sentence = perturb_values(rng, swap(order.pop()))
            sentences.append(sentence)
            total += len(sentence.encode("utf-8")) + 1
            if total >= size:
                break
        paragraphs.append(" ".join(sentences))
        total += 1
    footer = ""
    if rng.random() < FOOTER_SHARE:
        lines = sorted(rng.sample(range(len(FOOTER_LINES)), rng.randint(2, 4)))
        footer = "\n" + "\n\n".join(FOOTER_LINES[i] for i in lines) + "\n"
    return header + "\n" + "\n\n".join(paragraphs) + "\n" + footer


def article_path(out: Path, index: int, count: int) -> Path:
    """out/000/000123.txt: zero-padded names, FILES_PER_DIRECTORY files per subdirectory."""
    width = max(6, len(str(count - 1)))
    directory_width = max(3, len(str((count - 1) // FILES_PER_DIRECTORY)))
    return out / f"{index // FILES_PER_DIRECTORY:0{directory_width}d}" / f"{index:0{width}d}.txt"


def write_corpus(
    out: Path,
    articles: int,
    seed: int = DEFAULT_SEED,
    size: int = DEFAULT_SIZE,
    seeds_dir: Path = SEEDS_DIR,
) -> int:
    """Write the corpus under out (which must be empty or absent); return the bytes written."""
    if articles < 1:
        raise ValueError("--articles must be at least 1")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise FileExistsError(f"{out} exists and is not an empty directory")
    material = seed_material(seeds_dir)
    master = random.Random(seed)
    written = 0
    for index in range(articles):
        # Each article draws from its own generator, seeded in turn from the master: article i
        # is the same whatever the corpus size.
        rng = random.Random(master.getrandbits(64))
        data = make_article(rng, material, size).encode("utf-8")
        path = article_path(out, index, articles)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written += len(data)
    return written


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, required=True, help="number of articles to write")
    parser.add_argument("--out", type=Path, required=True, help="output directory (absent or empty)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (default %(default)s)")
    parser.add_argument(
        "--size", type=int, default=DEFAULT_SIZE, help="approximate bytes per article (default %(default)s)"
    )
    parser.add_argument(
        "--seeds-dir", type=Path, default=SEEDS_DIR, help="seed articles to recombine (default: seeds/)"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        written = write_corpus(args.out, args.articles, args.seed, args.size, args.seeds_dir)
    except (OSError, ValueError) as error:
        print(f"make_corpus: {error}", file=sys.stderr)
        return 2
    megabytes = written / 1e6
    print(
        f"make_corpus: wrote {args.articles} articles, {written} bytes ({megabytes:.1f} MB) to {args.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
