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
        suffix = "" if copy == 0 else f"-{copy}"
        for actor in actors["actors"]:
            a = dict(actor, id=actor["id"] + suffix)
            if "parent" in a:
                a["parent"] += suffix
            new_actors.append(a)
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
    dump = lambda name, data: (target / f"{name}.yaml").write_text(  # noqa: E731
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    dump("measures", {"sections": sections})
    dump("footnotes", {"footnotes": new_notes})
    dump("actors", {"actors": new_actors})
    dump("events", {"events": new_events})
    return target


if __name__ == "__main__":
    print(synthesise(int(sys.argv[1]), Path(sys.argv[2])))
