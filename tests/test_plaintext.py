from generator import load_document
from generator.plaintext import document_lines, document_text


def test_lines_follow_the_original_order(mini):
    lines = document_lines(load_document(mini), "en")
    order = [
        "**Brussels, 6 December 2018",
        "From: General Secretariat of the Council",
        "A package¹",
        "I Enhancing flows, p. 3",
        "1. Strengthening the EMSC",
        "The Council acts.",
        "I. Enhancing flows",
        "- ◆ **Member States:** feed the EU²",
        "Background of the package.",
        "2. Acting together",
        "- first point;",
        "List of acronyms",
        "EMSC European Migrant Smuggling Centre",
        "¹ Subject to the budget.",
    ]
    positions = [lines.index(line) for line in order]
    assert positions == sorted(positions)


def test_lines_are_in_the_source_s_notation(mini):
    """Bold as **, footnote marks as superscript digits, superscripts as ^{…}."""
    text = "\n".join(document_lines(load_document(mini), "fr"))
    assert "- ◆ **EMSC:** agir" in text and "alimenter l'UE²" in text
    assert "1^{re} session" in text and "[^" not in text


def test_each_piece_knows_its_data_place(mini):
    text = document_text(load_document(mini), "fr")
    title = next(line for line in text.body if line[-1].text == "Renforcer l'EMSC")
    assert (title[0].file, title[0].path) == ("measures", ("sections", 0, "measures", 0, "number"))
    assert title[-1].path == ("sections", 0, "measures", 0, "title", "fr")
    (note, *_) = text.footnotes
    assert note[-1].path == ("footnotes", 0, "text", "fr")
