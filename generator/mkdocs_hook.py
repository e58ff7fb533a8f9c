"""The MkDocs adapter: the only module that imports MkDocs.

Before MkDocs (and mkdocs-static-i18n) collect files, load and validate
``data/``, render every page in every configured language and sync them into
the gitignored ``docs/package/`` folder. Data errors stop the build before the
site directory is touched.
"""

from __future__ import annotations

import hashlib
import logging
import subprocess
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

# MkDocs loads a hook by file path: make the project root importable.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from generator import DataErrors, load_document  # noqa: E402
from generator.render import PREFIX, TEMPLATES, navigation, render_site  # noqa: E402
from generator.write import sync_folder  # noqa: E402

log = logging.getLogger("mkdocs.hooks.generator")
_last_run: dict[str, str] = {}


def _languages(config: MkDocsConfig) -> tuple[str, ...]:
    i18n = config.plugins.get("i18n")
    if i18n is None:
        raise PluginError("the generator needs the i18n plugin (mkdocs-static-i18n)")
    return tuple(lang.locale for lang in i18n.config.languages if lang.build)


def _fingerprint(data_dir: Path, *extra: object) -> str:
    """Changes when the data, the templates or the settings change."""
    digest = hashlib.sha256(repr(extra).encode())
    for path in [*sorted(data_dir.glob("*.yaml")), *sorted(TEMPLATES.glob("*.j2"))]:
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).parent
    data_dir = root / "data"
    languages = _languages(config)
    try:
        doc = load_document(data_dir, languages)
    except DataErrors as exc:
        raise PluginError(f"the data in {data_dir} has errors:\n{exc.report()}") from None
    config.nav = navigation(doc)
    fingerprint = _fingerprint(data_dir, languages, config.use_directory_urls, config.docs_dir)
    if _last_run.get(config.docs_dir) != fingerprint:
        files = render_site(doc, languages, config.use_directory_urls)
        report = sync_folder(Path(config.docs_dir) / PREFIX, files)
        _last_run[config.docs_dir] = fingerprint
        log.info(
            "generator: %d pages written, %d unchanged, %d removed",
            len(report.written),
            report.unchanged,
            len(report.removed),
        )
    return config


@event_priority(-200)  # after mkdocs-static-i18n has built every language
def on_post_build(config: MkDocsConfig) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # an inner, per-language build: wait for the outer one
    site = Path(config.site_dir)
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site)],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise PluginError(f"pagefind failed:\n{result.stdout}\n{result.stderr}")
    log.info("generator: search index built for %s", site)
