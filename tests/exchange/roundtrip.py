#!/usr/bin/env python3
"""An independent reader of gazette's XLIFF and PO exports, for the round
trip test (tests/translate_exchange.rs): parses FILE with translate-toolkit
(the library Weblate and Pootle read these formats with), prints every unit
as JSON on stdout (id, source, target, state, notes), sets the target of
unit ID to NEW_TARGET as a translator's tool would, and saves the result as
OUT.

usage: roundtrip.py xliff|po FILE OUT ID NEW_TARGET
Exit status 3 when translate-toolkit is not installed (.ci/run installs
it: pip install translate-toolkit).
"""
import json
import sys

try:
    from translate.storage import po, xliff
except ImportError:
    print("translate-toolkit is not installed: pip install translate-toolkit", file=sys.stderr)
    sys.exit(3)


def main():
    fmt, path, out, unit_id, new_target = sys.argv[1:6]
    if fmt == "xliff":
        store = xliff.xlifffile.parsefile(path)
        assert store.getsourcelanguage() == "zh-CN", store.getsourcelanguage()
        assert store.gettargetlanguage() == "en", store.gettargetlanguage()
        key = lambda u: u.getid().rsplit(xliff.ID_SEPARATOR, 1)[-1]
        state = lambda u: u.get_state_n()
    else:
        store = po.pofile.parsefile(path)
        key = lambda u: u.getcontext()
        state = lambda u: "fuzzy" if u.isfuzzy() else ("translated" if u.target else "empty")
    units = [u for u in store.units if not u.isheader()]
    listing = [
        {
            "id": key(u),
            "source": u.source,
            "target": u.target or "",
            "state": state(u),
            "notes": u.getnotes(),
        }
        for u in units
    ]
    changed = [u for u in units if key(u) == unit_id]
    if len(changed) != 1:
        print(f"{len(changed)} units with ID {unit_id}", file=sys.stderr)
        sys.exit(1)
    changed[0].target = new_target
    if fmt == "po":
        changed[0].markfuzzy(False)
    store.savefile(out)
    json.dump(listing, sys.stdout, ensure_ascii=False)


main()
