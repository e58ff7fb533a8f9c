"""The data folder -> the generated folder, in one call: load, validate,
render every page of every language and the open data (given the last
generation, a preview's, only what an edit can change: ``incremental``), write
what changed."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import addresses, folder, incremental, opendata, pages, parse_document, pictures, read_data
from .models import Document
from .project import config_beside
from .render import DEFAULT_EDITION, Edition, Site, render_again

__all__ = ["DEFAULT_EDITION", "Edition", "Generated", "Pages", "file_names", "generate", "write"]


@dataclass(frozen=True)
class Generated:
    document: Document
    yaml_texts: dict[str, str]  # the data files, republished as open data
    report: folder.SyncReport  # what changed in the generated folder
    rendering: incremental.Rendering  # its files; what the next generation may keep
    reused: set[str] = field(default_factory=set)  # the pages kept from the last generation


def generate(
    data_dir: Path,
    languages: tuple[str, ...],
    target: Path,
    directory_urls: bool = True,
    edition: Edition = DEFAULT_EDITION,
    last: Generated | None = None,
) -> Generated:
    """Generate the pages of ``data_dir`` into ``target``; raise ``DataErrors``
    on bad data (then nothing is written) and ``folder.FolderError`` if
    ``target`` holds files the generator did not write. ``last``: the last
    generation into ``target`` (a preview's), whose pages an edit left as
    they were are kept."""
    sources, source = read_data(data_dir, languages)
    doc = parse_document(sources, source, languages, config_beside(data_dir))
    # read_data raised if a file could not be read: each has its text
    texts = {f"{name}.yaml": s.text for name, s in sources.items() if s.text is not None}
    return write(doc, texts, target, directory_urls, edition, last)


def write(
    doc: Document,
    yaml_texts: dict[str, str],
    target: Path,
    directory_urls: bool = True,
    edition: Edition = DEFAULT_EDITION,
    last: Generated | None = None,
) -> Generated:
    """Render ``doc`` (and republish ``yaml_texts``) into ``target``."""
    kept = last.rendering if last else None
    rendering, reused = render_again(doc, directory_urls, yaml_texts, edition, kept)
    report = folder.sync(target, rendering.files)
    return Generated(doc, yaml_texts, report, rendering, reused)


def file_names(doc: Document) -> set[str]:
    """The files ``generate`` writes into the generated folder (named as
    ``render.Site.files`` names them), without rendering them: what ``check``
    gives ``folder.check``, as the build does."""
    names = set(Pages(doc))
    data = addresses.in_folder(opendata.FOLDER)
    offered = opendata.downloads(doc)
    published = [*offered["json"].values(), *offered["anki"].values(), offered["schema"]]
    published += offered["yaml"]
    return names | {f"{data}/{name}" for name in published} | {pictures.HEAT_CSS}


class Pages(Mapping[str, str]):
    """The generated pages of ``doc`` as the generated folder names them
    (``measure-4.fr.md``) -> their Markdown, each rendered when first read
    (what ``project.link_targets`` checks the hand-written pages' links against)."""

    def __init__(self, doc: Document, directory_urls: bool = True):
        self.doc = doc
        self.directory_urls = directory_urls
        self._pages = {
            addresses.generated_name(path, language): (kind, key, path, language)
            for language in doc.languages
            for kind in pages.GENERATED
            for key, path in kind.pages(doc)
        }
        self._texts: dict[str, str] = {}

    @cached_property
    def _site(self) -> Site:
        return Site(self.doc, self.directory_urls)

    def __getitem__(self, name: str) -> str:
        if name not in self._texts:
            self._texts[name] = self._site.page(*self._pages[name])
        return self._texts[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._pages)

    def __len__(self) -> int:
        return len(self._pages)
