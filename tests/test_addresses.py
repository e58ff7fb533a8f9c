"""Published addresses at a root and under a sub-path (a project site such as
``https://owner.github.io/repo/``): canonical, hreflang, sitemap, the 404
pages' assets and links, and the language switch.

Every page of the built site is read (so every page kind, in every language,
is covered as it is added), and every address must lead to a file of the
build."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import MINI
from sitebuild import html_pages, make_project, mkdocs

from generator import addresses, pages
from generator.cli import configured_languages

ADDRESSES = {
    "root": "https://edition.example.org/",
    "sub-path": "https://owner.github.io/repo/",
}


@pytest.fixture(scope="module", params=sorted(ADDRESSES))
def published(request, tmp_path_factory) -> tuple[Path, str]:
    """The mini site built for publishing at an address; (site, address)."""
    address = ADDRESSES[request.param]
    project = make_project(tmp_path_factory.mktemp(request.param) / "project", MINI)
    result = mkdocs(project, "build", "--strict", env={"SITE_URL": address, "EDITION_PUBLISH": "1"})
    assert result.returncode == 0, result.stderr
    return project / "site", address


class _Head(HTMLParser):
    """The links of a page: canonical, hreflang alternates, every href/src/action."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.canonical: list[str] = []
        self.alternates: dict[str, str] = {}
        self.refs: list[str] = []
        self.switch: dict[str, str] = {}  # the language switch: hreflang -> href

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical.append(a["href"])
        if tag == "link" and a.get("rel") == "alternate" and "hreflang" in a:
            assert a["hreflang"] not in self.alternates, f"two alternates for {a['hreflang']}"
            self.alternates[a["hreflang"]] = a["href"]
        if tag == "a" and "md-select__link" in (a.get("class") or ""):
            self.switch[a["hreflang"]] = a["href"]
        self.refs += [a[k] for k in ("href", "src", "action") if a.get(k)]


def _read(path: Path) -> _Head:
    head = _Head()
    head.feed(path.read_text(encoding="utf-8"))
    return head


def _file_of(site: Path, address: str, url: str) -> Path | None:
    """The file of the build an absolute address of the site leads to."""
    assert url.startswith(address), f"{url} is not under {address}"
    path = site / urlsplit(url).path.removeprefix(urlsplit(address).path)
    if url.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path if path.is_file() else None


def _served(site: Path, page: Path) -> str:
    """The address of ``page`` from the site's root ("en/about/")."""
    relative = page.relative_to(site).as_posix()
    return relative.removesuffix("index.html")


def _languages(site: Path) -> dict[str, str]:
    """language -> its folder: the default language at the root, the others
    in a folder named after them (mkdocs-static-i18n's rule)."""
    languages = configured_languages(site.parent / "mkdocs.yml")
    return {lang: "" if i == 0 else f"{lang}/" for i, lang in enumerate(languages)}


def _not_found(page: Path) -> bool:
    return page.name == "404.html"


def test_every_page_has_its_canonical_and_its_alternates_in_every_language(published):
    site, address = published
    folders = _languages(site)
    assert sorted(folders) == ["en", "fr"]
    default = next(lang for lang, folder in folders.items() if folder == "")
    checked = 0
    for page in html_pages(site):
        if _not_found(page) or "pagefind" in page.parts:
            continue
        head = _read(page)
        here = _served(site, page)
        assert head.canonical == [address + here], page
        lang = re.search(r'<html lang="([^"]+)"', page.read_text(encoding="utf-8"))[1]
        neutral = here.removeprefix(folders[lang])
        expected = {other: address + folder + neutral for other, folder in folders.items()}
        expected["x-default"] = address + folders[default] + neutral
        assert head.alternates == expected, page
        for url in head.alternates.values():
            assert _file_of(site, address, url), f"{page}: {url} leads to no page"
        checked += 1
    # every page of the registry, in every language
    kinds = {kind.name for kind in pages.KINDS}
    assert checked >= 2 * len(kinds)


def test_the_language_switch_leads_to_the_same_page_in_each_language(published):
    site, _ = published
    folders = _languages(site)
    for page in html_pages(site):
        if _not_found(page) or "pagefind" in page.parts:
            continue
        switch = _read(page).switch
        assert sorted(switch) == sorted(folders), page
        lang = re.search(r'<html lang="([^"]+)"', page.read_text(encoding="utf-8"))[1]
        neutral = _served(site, page).removeprefix(folders[lang])
        for other, href in switch.items():
            target = urlsplit(urljoin("/" + _served(site, page), href)).path
            assert target == "/" + folders[other] + neutral, (page, other, href)


def test_the_sitemap_lists_every_page_at_its_published_address(published):
    site, address = published
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    urls = re.findall(r"<loc>([^<]+)</loc>", sitemap) + re.findall(
        r'<xhtml:link rel="alternate" hreflang="[^"]+" href="([^"]+)"', sitemap
    )
    assert urls
    for url in urls:
        assert _file_of(site, address, url), url
    pages_built = {
        _served(site, p)
        for p in html_pages(site)
        if not _not_found(p) and "pagefind" not in p.parts
    }
    listed = {url.removeprefix(address) for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)}
    assert listed == pages_built


def test_each_404_page_works_at_any_depth_in_its_language(published):
    """A 404 page is served for any missing address: its assets and links are
    absolute, under the site's path, and lead to files of the build; it has no
    alternates (it is no page of its own), its language switch leads to the
    homes, and its search form searches its own language."""
    site, address = published
    path = urlsplit(address).path
    folders = _languages(site)
    for lang, folder in folders.items():
        page = site / folder / "404.html"
        html = page.read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html
        head = _read(page)
        assert head.alternates == {} and head.canonical == []
        assert head.switch == {other: path + f for other, f in folders.items()}
        for ref in head.refs:
            if ref.startswith(("http://", "https://")) and not ref.startswith(address):
                continue  # the Council's own addresses (official versions)
            if ref.startswith(address):
                ref = ref[len(address) - len(path) :]
            assert ref.startswith(path), f"{page}: {ref!r} is not absolute under {path}"
            target = site / urlsplit(ref).path.removeprefix(path)
            if target.is_dir() or ref.split("?")[0].endswith("/"):
                target = target / "index.html"
            assert target.is_file(), f"{page}: {ref} leads to no file"
        search = re.search(r'class="site-search" role="search" action="([^"]+)"', html)[1]
        assert search == path + folder + addresses.served(pages.page_path("search"))


def test_alternates_swap_the_language_folder_and_keep_the_page():
    folders = {"fr": "", "en": "en/", "de": "de/"}
    assert addresses.alternates("en/package/actors/emsc/", folders, "en") == [
        {"lang": "fr", "path": "package/actors/emsc/"},
        {"lang": "en", "path": "en/package/actors/emsc/"},
        {"lang": "de", "path": "de/package/actors/emsc/"},
    ]
    assert [a["path"] for a in addresses.alternates("", folders, "fr")] == ["", "en/", "de/"]
    with pytest.raises(ValueError, match="not in the folder"):
        addresses.alternates("package/glossary/", folders, "en")


def test_a_page_is_served_at_its_folder():
    assert addresses.served("package/glossary.md") == "package/glossary/"
    assert addresses.served("index.md") == ""
    assert addresses.served("package/actors/index.md") == "package/actors/"


def test_mkdocs_yml_names_the_generated_files_where_the_generator_writes_them():
    """mkdocs.yml names two generated files (the heat map's stylesheet, the
    home page bodies it leaves out of the pages): both in the generated folder."""
    from conftest import ROOT

    from generator import pictures
    from generator.project import read_config

    data = read_config(ROOT / "mkdocs.yml").data
    assert f"{addresses.FOLDER}/{pictures.HEAT_CSS}" in data["extra_css"]
    assert data["exclude_docs"].split() == [f"/{addresses.FOLDER}/index.*.md"]
