#!/usr/bin/env python3
"""English content on pages in other scripts must say it is English (lang), or a screen reader reads it with the
page's voice. Reads the pages PageMarkupTests saved (FOLDER/<reader>-<language>/*.html) and, on every Chinese,
Arabic and Russian page, finds each of the demo's English content values (hotels and their addresses, the venue,
the registration desk's place, collocated groups, terms and their definitions, the leaders' organizations, the
living list's bodies, deliverables): a text that holds one of them and nothing else but punctuation must be inside an
element whose lang is not the page's. A value inside a translated sentence (a message with arguments) is looked at too:
the argument, not the sentence, is in an element that says it is English (web.MarkedSentences).
Usage: page-languages.py FOLDER; prints each fault and exits 1 when there is one."""
import os
import re
import sys
from html.parser import HTMLParser

ENGLISH = [
    "InterContinental Geneva", "Hotel Warwick Geneva", "Rue de Lausanne 14, 1201 Geneva", "Rue Voltaire 10, 1201 Geneva",
    "ITU Headquarters, Geneva", "Place des Nations, 1211 Geneva 20, Switzerland", "Montbrillant building entrance",
    "Focus Group on Smart Grid (FG Smart)", "Focus Group on Future Networks (FG FN)",
    "infrastructure as a service", "cloud service provider", "A model for enabling convenient",
    "Cisco Systems", "KDDI Corporation", "ZTE Corporation",
    "Cloud Security Alliance", "Open Grid Forum", "SNIA Cloud Storage Technical Work Group",
    "Benefits of cloud computing from telecommunication/ICT perspectives", "Cloud computing terminology and taxonomy",
]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    def __init__(self, language):
        super().__init__(convert_charrefs=True)
        self.language, self.stack, self.faults = language, [], []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        attrs = dict(attrs)
        parent = self.stack[-1] if self.stack else (None, None, False)
        lang = attrs.get("lang", parent[1])
        skipped = parent[2] or tag in ("script", "style", "title", "textarea", "option") or attrs.get("translate") == "no"
        self.stack.append((tag, lang, skipped))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, text):
        if not self.stack or self.stack[-1][2] or not (self.stack[-1][1] or "").startswith(self.language):
            return
        rest = text
        for value in ENGLISH:
            rest = rest.replace(value, "")
        if rest != text:
            self.faults.append("<%s> %r" % (self.stack[-1][0], text.strip()[:90]))


def main(folder):
    faults = 0
    for reader in sorted(os.listdir(folder)):
        language = reader.rsplit("-", 1)[-1]
        if language not in ("zh", "ar", "ru"):
            continue
        for name in sorted(os.listdir(os.path.join(folder, reader))):
            page = Page(language)
            with open(os.path.join(folder, reader, name), encoding="utf-8") as f:
                page.feed(f.read())
            for fault in page.faults:
                print("%s/%s: English without lang: %s" % (reader, name, fault))
                faults += 1
    print("page-languages: %d English values without lang" % faults)
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "target/page-markup"))
