"""French typography: the no-break spaces French readers expect (a rule for entries and pages)."""

from __future__ import annotations

import re

from hooks.problems import REFERENCE, Message, msg

NO_BREAK = "\u00a0\u202f"
_DOT_DECIMAL = re.compile(r"\d\.\d+[\u00a0\u202f ]?[%€]")
# Only the signs that may lack their space: one missing it has a character other than a
# no-break space (or a line start) beside it; ? and ! may also follow one another (?!).
# The sign comes first, then what is beside it, so that re scans for the sign alone.
_MAYBE_WRONG = re.compile(
    "[:;%?!«»](?:(?<=[^\u00a0\u202f\n][:;%])|(?<=[^\u00a0\u202f\n?!][?!])"
    "|(?<=«)(?![\u00a0\u202f])|(?<=»)(?<![\u00a0\u202f]»))"
)
# 48 000 with an ordinary space: the groups of a number must not be split across two lines
# (the first digit, then what is before it: re then scans for digits alone, 2× faster)
THOUSANDS = re.compile(r"\d(?<![\d.,\u00a0\u202f]\d)\d{0,2}(?: \d{3})+(?![\d]|[.,]\d)")
# a straight quote between two letters is an apostrophe (l'entreprise): French writes ’
APOSTROPHE = re.compile(r"'(?<=[^\W\d_]')(?=[^\W\d_])")
_LETTERS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def word_at(text: str, offset: int) -> str:
    """The word holding ``text[offset]`` (an apostrophe), with the typographic apostrophe."""
    for match in _LETTERS.finditer(text, max(0, offset - 40), offset + 40):
        if match.start() <= offset < match.end():
            return match.group().replace("'", "’")
    return "’"


_SIGN_IDS = {
    ":": "colon", ";": "semicolon", "?": "question", "!": "exclamation", "%": "percent",
    "«": "open-quote", "»": "close-quote",
}  # fmt: skip


def sign_name(sign: str) -> Message:
    """``;`` → "le point-virgule" in French, "';'" in English."""
    return msg(f"sign-{_SIGN_IDS[sign]}")


def french_problems(text: str) -> list[tuple[int, Message]]:
    """``(offset, message)`` for each sign of ``text`` missing its no-break space.

    ``text`` should have code and URLs blanked out already (same length, spaces).
    """
    found = []
    last = len(text) - 1
    for match in _MAYBE_WRONG.finditer(text):  # a loop over every char cost 3 s at 1,000
        index = match.start()  # entries, one over every sign 0.1 s: most are right
        char = text[index]
        before = text[index - 1] if index else "\n"
        after = text[index + 1] if index < last else "\n"
        if char == "«":
            found.append((index, msg("typography-after", sign=sign_name("«"))))
        elif char == "»":
            found.append((index, msg("typography-before", sign=sign_name("»"))))
        else:
            if char == ":" and before.isdigit() and after.isdigit():
                continue  # a ratio or a time: 3:1, 14:30
            if char == "!" and after == "[":
                continue  # a Markdown image
            found.append((index, msg("typography-before", sign=sign_name(char))))
    if " " in text:
        for match in THOUSANDS.finditer(text):
            space = match.group().index(" ")
            found.append((match.start() + space, msg("typography-thousands", number=match.group())))
    if "'" in text:
        for match in APOSTROPHE.finditer(text):
            found.append(
                (match.start(), msg("typography-apostrophe", word=word_at(text, match.start())))
            )
    if "." in text and ("%" in text or "€" in text):
        for match in _DOT_DECIMAL.finditer(text):
            found.append((match.start(), msg("typography-decimal")))
    return sorted(found, key=lambda item: (item[0], item[1].text(REFERENCE)))
