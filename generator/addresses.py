"""Where pages are: the generated pages' folder, and the rules MkDocs and
mkdocs-static-i18n follow to serve a page (directory URLs, a folder per
language), written once here."""

from __future__ import annotations

FOLDER = "package"  # the generated pages' folder, inside the docs folder and the site


def generated_name(path: str, language: str) -> str:
    """The name in the generated folder of a page's ``language`` version
    (mkdocs-static-i18n's suffixes): ``package/measure-4.md`` -> ``measure-4.fr.md``."""
    return f"{path.removeprefix(FOLDER + '/').removesuffix('.md')}.{language}.md"


def in_folder(path: str) -> str:
    """A docs-relative path of the generated folder, relative to that folder."""
    return path.removeprefix(FOLDER + "/")


def served(path: str) -> str:
    """The address MkDocs serves a page at (directory URLs), from its
    docs-relative source path: ``package/glossary.md`` -> ``package/glossary/``."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def alternates(url: str, folders: dict[str, str], language: str) -> list[dict[str, str]]:
    """The page served at ``url`` in ``language``, in every language: its
    ``lang`` and ``path`` from the site's root (``folders``: language -> its
    folder in the site, "" for the default language, whose pages are at the
    root). Every page exists in every language (the translation check)."""
    folder = folders[language]
    if not url.startswith(folder):
        raise ValueError(f"page {url!r} is not in the folder {folder!r} of {language!r}")
    neutral = url[len(folder) :]
    return [{"lang": lang, "path": other + neutral} for lang, other in folders.items()]
