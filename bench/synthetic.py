"""Synthetic data at N times the real document: measures, actions, footnotes,
actors and events replicated N times (renumbered), sharing one glossary.

    python bench/synthetic.py 10 /tmp/data-10x
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent.parent / "data"
MARK = re.compile(r"\[\^(\d+)\]")


class _Plain(yaml.SafeDumper):
    """Writes a value shared by several places in full each time: the data
    allows no anchors and aliases."""

    def ignore_aliases(self, data) -> bool:
        return True


def _load(name: str):
    return yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))


def _walk_texts(value, fn):
    if isinstance(value, dict):
        return {
            k: (
                fn(v)
                if k in ("fr", "en", "invariant") and isinstance(v, str)
                else _walk_texts(v, fn)
            )
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_walk_texts(v, fn) for v in value]
    return value


def _walk_languages(value, fn):
    """Like ``_walk_texts``, passing the language key (fr, en, invariant) too."""
    if isinstance(value, dict):
        return {
            k: (fn(v, k) if isinstance(v, str) else _walk_languages(v, fn))
            if k in ("fr", "en", "invariant")
            else _walk_languages(v, fn)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_walk_languages(v, fn) for v in value]
    return value


def _terms_by_language(actors: list[dict]) -> dict[str, list[str]]:
    found: dict[str, set[str]] = {"fr": set(), "en": set()}
    for actor in actors:
        for key, terms in actor["terms"].items():
            for lang in ("fr", "en") if key == "invariant" else (key,):
                found[lang].update([terms] if isinstance(terms, str) else terms)
    found["invariant"] = found["fr"] | found["en"]
    return {lang: sorted(terms, key=len, reverse=True) for lang, terms in found.items()}


def _copy_terms(measure: dict, copy: int, terms: dict[str, list[str]]) -> dict:
    """Copy ``copy`` of a measure names copy ``copy`` of its actors: 'Europol' becomes
    'Europol 3' (which still contains 'Europol'). Without this every copy of an actor
    would be named in every copy of the annex: N x N mentions instead of N."""
    patterns = {
        lang: re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, names)) + r")(?![\w-])")
        for lang, names in terms.items()
    }
    return _walk_languages(measure, lambda text, lang: patterns[lang].sub(rf"\1 {copy}", text))


def _copy_actor(actor: dict, copy: int, copied_text: str) -> dict:
    """The copy's actor, named by the copy's terms where the copied text has them."""
    suffix = f"-{copy}"
    a = dict(actor, id=actor["id"] + suffix)
    if "parent" in a:
        a["parent"] += suffix

    def rename(term: str) -> str:
        return f"{term} {copy}" if f"{term} {copy}" in copied_text else term

    a["terms"] = {
        key: rename(terms) if isinstance(terms, str) else [rename(t) for t in terms]
        for key, terms in actor["terms"].items()
    }
    return a


def synthesise(scale: int, target: Path) -> Path:
    measures, footnotes, actors, events = (
        _load("measures"),
        _load("footnotes"),
        _load("actors"),
        _load("events"),
    )
    notes = footnotes["footnotes"]
    in_measures = sorted({int(n) for n in MARK.findall(yaml.safe_dump(measures))})
    new_notes = list(notes)
    sections = [{**s, "measures": []} for s in measures["sections"]]
    terms = _terms_by_language(actors["actors"])
    copied_texts: dict[int, list[str]] = {}
    for copy in range(scale):
        suffix = "" if copy == 0 else f"-{copy}"
        renumber = {n: n for n in in_measures}
        if copy:
            for n in in_measures:
                renumber[n] = len(new_notes) + 1
                new_notes.append({**notes[n - 1], "number": renumber[n]})
        for section, original in zip(sections, measures["sections"], strict=True):
            for measure in original["measures"]:
                m = _walk_texts(
                    measure, lambda t, r=renumber: MARK.sub(lambda x: f"[^{r[int(x[1])]}]", t)
                )
                if copy:
                    m = _copy_terms(m, copy, terms)
                    texts = copied_texts.setdefault(copy, [])
                    _walk_languages(m, lambda text, _, texts=texts: texts.append(text))
                m["copy"] = copy
                for action in m["actions"]:
                    for key in ("actors", "mentions"):
                        action[key] = [a + suffix for a in action.get(key, [])]
                section["measures"].append(m)
    # measures are numbered 1, 2, 3… in section order
    numbers, number = {}, 0
    for section in sections:
        for m in section["measures"]:
            number += 1
            numbers[(m.pop("copy"), m["number"])] = number
            m["number"] = number
            for k, action in enumerate(m["actions"], 1):
                action["id"] = f"{number}.{k}"
    measures_by_copy = numbers
    new_actors = []
    for copy in range(scale):
        copied_text = "\n".join(copied_texts.get(copy, []))
        for actor in actors["actors"]:
            new_actors.append(_copy_actor(actor, copy, copied_text) if copy else actor)
    new_events = []
    for copy in range(scale):
        for event in events["events"]:
            e = dict(event, id=event["id"] + ("" if copy == 0 else f"-{copy}"))
            if e["measure"]:
                e["measure"] = measures_by_copy[(copy, e["measure"])]
            new_events.append(e)
    target.mkdir(parents=True, exist_ok=True)
    for name in ("document", "glossary", "interface"):
        shutil.copy(DATA / f"{name}.yaml", target / f"{name}.yaml")
    shutil.copytree(DATA / "source", target / "source", dirs_exist_ok=True)
    dump = lambda name, data: (target / f"{name}.yaml").write_text(  # noqa: E731
        yaml.dump(data, Dumper=_Plain, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    dump("measures", {"sections": sections})
    dump("footnotes", {"footnotes": new_notes})
    dump("actors", {"actors": new_actors})
    dump("events", {"events": new_events})
    return target


if __name__ == "__main__":
    print(synthesise(int(sys.argv[1]), Path(sys.argv[2])))
