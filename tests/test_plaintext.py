from generator import load_document
from generator.plaintext import document_lines


def test_lines_follow_the_original_order(mini):
    lines = document_lines(load_document(mini), "en")
    order = [
        "Brussels, 6 December 2018",
        "From: General Secretariat of the Council",
        "A package",
        "I Enhancing flows, p. 3",
        "1. Strengthening the EMSC",
        "The Council acts.",
        "I. Enhancing flows",
        "- Member States: feed the EU",
        "Background of the package.",
        "2. Acting together",
        "- first point;",
        "1 Subject to the budget.",
        "List of acronyms",
        "EMSC European Migrant Smuggling Centre",
    ]
    positions = [lines.index(line) for line in order]
    assert positions == sorted(positions)


def test_lines_have_no_markup(mini):
    text = "\n".join(document_lines(load_document(mini), "fr"))
    assert "**" not in text and "[^" not in text
