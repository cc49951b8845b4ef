"""French typography: the no-break spaces French readers expect (a rule for entries and pages)."""

from __future__ import annotations

import re

NO_BREAK = "\u00a0\u202f"
_DOT_DECIMAL = re.compile(r"\d\.\d+[\u00a0\u202f ]?[%€]")
_SIGNS = re.compile(r"[:;?!%«»]")


def french_problems(text: str) -> list[tuple[int, str]]:
    """``(offset, message)`` for each sign of ``text`` missing its no-break space.

    ``text`` should have code and URLs blanked out already (same length, spaces).
    """
    found = []
    last = len(text) - 1
    for match in _SIGNS.finditer(text):  # a regex finds the few signs; a loop over every char
        index = match.start()  # cost 3 s at 1,000 entries
        char = text[index]
        before = text[index - 1] if index else "\n"
        after = text[index + 1] if index < last else "\n"
        if char == "«":
            if after not in NO_BREAK:
                found.append((index, "French typography: put a no-break space after '«'"))
        elif char == "»":
            if before not in NO_BREAK:
                found.append((index, "French typography: put a no-break space before '»'"))
        else:
            if before in NO_BREAK + "\n" or (char in "?!" and before in "?!"):
                continue
            if char == ":" and before.isdigit() and after.isdigit():
                continue  # a ratio or a time: 3:1, 14:30
            if char == "!" and after == "[":
                continue  # a Markdown image
            found.append((index, f"French typography: put a no-break space before '{char}'"))
    if "." in text:
        for match in _DOT_DECIMAL.finditer(text):
            found.append((match.start(), "French typography: write decimals with a comma (12,5 %)"))
    return sorted(found)
