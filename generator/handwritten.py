"""The hand-written pages (``docs/*.<lang>.md``), read without MkDocs:
``handwritten_pages``, what can be said of them alone (every page in every
language, its snippets, its links, its typography); ``link_targets``, what
their links lead to once the generated pages are known (a page that is
written, an anchor that is on its page).
"""

from __future__ import annotations

import difflib
import glob
import posixpath
import re
from collections.abc import Mapping
from pathlib import Path

from . import addresses, anchors, opendata, pages
from .errors import DOCUMENT, DataError, shown
from .fields import language_name
from .interface import TYPOGRAPHY

# a Markdown link's target: [text](target "title"), or a reference definition [id]: target
_LINK = re.compile(
    r"""\]\(\s*<?([^)\s>]+)>?(?:\s+["'][^"']*["'])?\s*\)|^[ ]{0,3}\[[^\]]+\]:[ \t]*<?([^\s>]+)""",
    re.M,
)
_CODE = re.compile(r"^[ ]{0,3}(```|~~~)[^\n]*\n[\s\S]*?^[ ]{0,3}\1[^\n]*$|`[^`\n]+`", re.M)
_SNIPPET = re.compile(r"""^[ \t]*;?-{1,}8<-{1,}[ \t]+["']?([^"'\s]+)["']?[ \t]*$""", re.M)


def handwritten_pages(
    docs: Path, languages: tuple[str, ...], unbuilt: tuple[str, ...] = ()
) -> list[DataError]:
    """Every hand-written page exists in every language (no silent fallback),
    includes only its own language's generated pages and links to pages that
    exist. The pages of the ``unbuilt`` languages (``build: false``) wait."""
    errors: list[DataError] = []
    if not docs.is_dir():
        return errors
    generated = _generated_paths()
    for page in sorted(docs.rglob("*.md")):
        relative = page.relative_to(docs)
        if addresses.FOLDER in relative.parts[:1]:
            continue
        name = shown(page)
        stem, _, suffix = page.name.removesuffix(".md").rpartition(".")
        if suffix in unbuilt:
            continue
        if suffix not in languages:
            built = ", ".join(languages)
            if re.fullmatch(r"[a-z]{2,3}(_[A-Z]{2})?", suffix):
                message = f"a page of '{suffix}', a language mkdocs.yml does not build ({built})"
                hint = "add the language to the i18n plugin's languages in mkdocs.yml, or remove it"
            else:
                message = f"no language suffix in {page.name}"
                hint = f"name it <name>.<language>.md, one per language ({built})"
            errors.append(_page_error(name, 1, message, hint))
            continue
        for language in languages:
            other = page.with_name(f"{stem}.{language}.md")
            first = min(_siblings(page.parent, stem, languages))  # one error a missing page
            if not other.exists() and page == first:
                message = "missing: every hand-written page exists in every language"
                hint = f"write it in {language_name(language)}, like {page.name}"
                errors.append(_page_error(shown(other), 1, message, hint))
        text = page.read_text(encoding="utf-8", errors="replace")
        errors += _snippets(text, name, suffix, docs, languages, generated)
        folder = relative.parent.as_posix()
        errors += _links(_prose(text), name, folder, docs, languages, suffix)
        errors += _typography(_prose(text), name, suffix)
    return errors


_NOT_PROSE = re.compile(r"\]\([^)\n]*\)|\{[^}\n]*\}|<[^>\n]*>")  # link targets, attributes, tags
_FRONT_MATTER_KEY = re.compile(r"^[\w-]+:")  # a key of the metadata block, not prose


def _typography(text: str, name: str, language: str) -> list[DataError]:
    """A hand-written page's prose follows its language's typography (French:
    no-break spaces before ; : ! ? » and after «), as generated pages do."""
    typography = TYPOGRAPHY.get(language)
    errors = []
    lines = text.splitlines()
    meta = lines.index("---", 1) if lines[:1] == ["---"] and "---" in lines[1:] else 0
    for number, line in enumerate(lines, 1):
        if number <= meta + 1:  # the metadata block: its values are prose, not its keys
            line = _FRONT_MATTER_KEY.sub(lambda m: " " * len(m[0]), line)
        prose = _NOT_PROSE.sub(lambda m: " " * len(m[0]), line)
        if typography is not None and typography(prose) != prose:
            message = f"a space where the typography of '{language}' puts a no-break space"
            hint = "before : and inside « » write U+00A0, before ; ! ? write U+202F"
            errors.append(_page_error(name, number, message, hint))
    return errors


def _siblings(folder: Path, stem: str, languages: tuple[str, ...]) -> list[Path]:
    """The pages ``<stem>.<language>.md`` of ``folder``."""
    found = folder.glob(f"{glob.escape(stem)}.*.md")
    return [p for p in found if p.name.removesuffix(".md").rpartition(".")[2] in languages]


def _snippets(
    text: str,
    name: str,
    language: str,
    docs: Path,
    languages: tuple[str, ...],
    generated: list[re.Pattern[str]],
) -> list[DataError]:
    """A snippet (``--8<-- "package/index.fr.md"``) names a file that will be
    there, of the page's own language."""
    errors = []
    for found in _SNIPPET.finditer(text):
        target = found[1]
        line = text.count("\n", 0, found.start(1)) + 1
        stem, _, suffix = target.removesuffix(".md").rpartition(".")
        own = f"{stem}.{language}.md"
        if target.endswith(".md") and suffix in languages and suffix != language:
            message = f"includes {target}, a page of '{suffix}', in a page of '{language}'"
            errors.append(_page_error(name, line, message, f"include {own}"))
        elif target.startswith(addresses.FOLDER + "/") and not (
            suffix in languages and any(p.fullmatch(stem + ".md") for p in generated)
        ):
            message = f"includes {target}, which is not a page the generator writes"
            errors.append(_page_error(name, line, message, "name a generated page, e.g. " + own))
        elif not target.startswith(addresses.FOLDER + "/") and not (docs / target).is_file():
            message = f"includes {target}, which is not a file of {docs.name}/"
            errors.append(_page_error(name, line, message, "fix the path"))
    return errors


def _prose(text: str) -> str:
    """``text`` with its code (fenced blocks, `spans`) blanked, lines kept:
    MkDocs does not follow a link written in code."""
    blank = lambda m: re.sub(r"[^\n]", " ", m[0])  # noqa: E731
    return _CODE.sub(blank, text)


def _link_list(text: str) -> list[tuple[int, int, str]]:
    """(line, column, target as written) of each link of ``text`` (its code blanked)."""
    found = []
    for link in _LINK.finditer(text):
        start = link.start(1) if link[1] else link.start(2)
        line_start = text.rfind("\n", 0, start) + 1
        found.append((text.count("\n", 0, start) + 1, start - line_start + 1, link[1] or link[2]))
    return found


def _elsewhere(target: str) -> bool:
    """An address of another site, or from the site's root (not a page's file)."""
    return bool(re.match(r"[a-z][a-z0-9+.-]*:|/", target, re.I))


def _links(
    text: str, name: str, folder: str, docs: Path, languages: tuple[str, ...], language: str
) -> list[DataError]:
    """A relative link of a hand-written page leads to a page of the site or a
    file of the docs folder (MkDocs' strict build refuses it otherwise), a
    page in the linking page's language (each language is built apart)."""
    errors = []
    pages_ = [_pattern(k.path) for k in pages.KINDS]
    for line, column, written in _link_list(text):
        target = written.split("#")[0]
        if not target or _elsewhere(target):
            continue  # an anchor of the page (``link_targets``), an address elsewhere
        path = posixpath.normpath(posixpath.join(folder, target))
        stem = path.removesuffix(".md")
        base, _, suffix = stem.rpartition(".")
        if path.endswith(".md") and base and suffix in languages and suffix != language:
            message = f"links to {written}, a page of '{suffix}', from a page of '{language}'"
            hint = f"link to {base}.md, which leads to the page in this page's language"
            errors.append(_page_error(name, line, message, hint, column))
            continue
        known = not path.startswith("../") and (  # in the docs folder
            (docs / path).is_file()
            or any((docs / f"{stem}.{lang}.md").is_file() for lang in languages)
        )
        if path.endswith(".md") and any(p.fullmatch(path) for p in pages_):
            known = True  # a generated page
        known = known or path.startswith(opendata.FOLDER + "/")  # the open data, generated
        if not known:
            message = f"links to {written}, which is not a page of the site nor a file of docs/"
            errors.append(_page_error(name, line, message, "fix the link", column))
    return errors


def _included(text: str, docs: Path, generated: Mapping[str, str]) -> str:
    """``text`` with what its snippet lines include (``--8<-- "package/index.fr.md"``)."""

    def include(found: re.Match[str]) -> str:
        target = found[1]
        if target.startswith(addresses.FOLDER + "/"):
            return generated.get(addresses.in_folder(target), "")
        path = docs / target
        return path.read_text(encoding="utf-8") if path.is_file() else ""

    return _SNIPPET.sub(include, text)


def _generated_paths() -> list[re.Pattern[str]]:
    """The path of every generated page in the generated folder (without its
    language suffix; the home page's body is ``package/index.md``), a family's
    as a pattern."""
    return [_pattern(f"{addresses.FOLDER}/{addresses.in_folder(k.path)}") for k in pages.GENERATED]


def _pattern(path: str) -> re.Pattern[str]:
    """A page path of the registry as a pattern: a family's ``{key}``, any name."""
    return re.compile(re.escape(path).replace(re.escape("{key}"), "[^/]+"))


def _page_error(name: str, line: int, message: str, hint: str, column: int = 1) -> DataError:
    return DataError(name, line, column, "", message, hint, DOCUMENT)


def link_targets(
    docs: Path,
    languages: tuple[str, ...],
    generated: Mapping[str, str],
    converter: anchors.Converter,
) -> list[DataError]:
    """What the links of the hand-written pages lead to, once the generated
    pages are known (``generated``: the generated folder's files, {name:
    text}, read when needed): a generated page that is written
    (``package/measure-99.md`` is not), and each anchor (``about.md#source``,
    ``package/measure-1.md#action-1-1``, ``#top``) on its page in the linking
    page's language, as MkDocs' strict build sees it (``converter``)."""
    if not docs.is_dir():
        return []
    known: dict[str, tuple[str, set[str]]] = {}  # page -> (its name, its anchors)

    def page_anchors(path: str, language: str) -> tuple[str, set[str]] | None:
        """The page a link leads to (docs-relative, without its language) in
        ``language``: its name and anchors; None if no page of the site."""
        name = f"{path.removesuffix('.md')}.{language}.md"
        if name not in known:
            if path.startswith(addresses.FOLDER + "/"):
                own = addresses.generated_name(path, language)
                if own not in generated:
                    return None
                known[name] = (name, converter.ids(generated[own]))
            elif (docs / name).is_file():
                text = _included((docs / name).read_text(encoding="utf-8"), docs, generated)
                known[name] = (name, converter.ids(text))
            else:
                return None
        return known[name]

    errors = []
    families = [_pattern(k.path) for k in pages.KINDS if "{key}" in k.path]
    for page in sorted(docs.rglob("*.md")):
        relative = page.relative_to(docs)
        stem, _, language = page.name.removesuffix(".md").rpartition(".")
        if addresses.FOLDER in relative.parts[:1] or language not in languages or not stem:
            continue
        folder, name = relative.parent.as_posix(), shown(page)
        for line, column, written in _link_list(_prose(page.read_text(encoding="utf-8"))):
            target, _, anchor = written.partition("#")
            if _elsewhere(target) or not (target or anchor):
                continue
            path = posixpath.normpath(posixpath.join(folder, target or page.name))
            base, _, suffix = path.removesuffix(".md").rpartition(".")
            other = suffix in languages and suffix != language  # ``_links`` says so
            if not path.endswith(".md") or path.startswith("../") or other:
                continue  # a file, not a page (no anchor checked), or another language's
            path = f"{base}.md" if base and suffix == language else path  # own suffix
            found = page_anchors(path, language)
            if found is None and any(p.fullmatch(path) for p in families):  # else: ``_links``
                ending = f".{language}.md"
                written_pages = [
                    f"{addresses.FOLDER}/{n.removesuffix(ending)}.md"
                    for n in generated
                    if n.endswith(ending)
                ]
                close = difflib.get_close_matches(path, sorted(written_pages), n=1, cutoff=0)
                message = f"links to {written}, a page the generator does not write"
                hint = f"did you mean {close[0]}?" if close else "fix the link"
                errors.append(_page_error(name, line, message, hint, column))
            elif found is not None and anchor and anchor not in found[1]:
                close = difflib.get_close_matches(anchor, sorted(found[1]), n=1, cutoff=0)
                message = f"links to {written}, but {found[0]} has no anchor '{anchor}'"
                hint = f"the nearest there is '#{close[0]}'" if close else "it has no anchors"
                errors.append(_page_error(name, line, message, hint, column))
    return errors
