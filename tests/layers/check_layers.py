#!/usr/bin/env python3
"""The layering rules of docs/architecture.md, checked on every #include of src/.

The CMake link graph keeps a library from linking what it must not use, but every
library sees the whole src/ folder as its include path, so an include alone would
pass the compiler. This check reads the includes and fails, naming the file and the
line, on any that breaks a rule:

  - the kernel includes only the kernel folders below it:
      base <- text <- storage <- geo <- auth <- {indicators, http, cli}; io beside (base, text);
      attachments beside (base, storage, auth); media beside attachments (base, storage, auth,
      attachments); http may include attachments and media (the documents' and the media's routes)
  - the kernel never includes a capability or app/;
  - inside a capability, the model files include no store, service or I/O
    (for the registry: entity, status_history, figures, period);
  - only a capability's api/ folder includes http/, only its cli/ folder includes cli/;
  - a capability includes the registry's public headers (src/registry/*.h) and nothing
    else of another capability (no registry/index/, registry/api/ …);
  - nothing but app/ includes app/;
  - the portal (server-rendered public pages) includes base/, text/, geo/ and itself, and its
    api/ folder http/ too: no capability, not even the registry (it reads everything through
    portal::Content, which the app implements).

Usage: check_layers.py [SOURCE_DIR]   (exit 1 on a broken rule)
"""
import pathlib
import re
import sys

KERNEL = {
    "base": set(),
    "text": {"base"},
    "io": {"base", "text"},
    "storage": {"base"},
    "attachments": {"base", "storage", "auth"},
    "media": {"base", "storage", "auth", "attachments"},
    "geo": {"base", "text", "storage"},
    "auth": {"base", "text", "storage"},
    "indicators": {"base", "auth"},
    "http": {"base", "text", "io", "storage", "geo", "auth", "attachments", "media"},
    "cli": {"base", "text", "io", "storage", "geo", "auth"},
}
# Per capability: the files of its model (no I/O), relative to src/<capability>/.
MODEL = {
    "registry": {"entity", "status_history", "figures", "period"},
    "reporting": {"report_form", "report"},
    "views": {"saved_view"},
    "programmes": {"programme", "progress"},
    "activities": {"activity"},
    "surveys": {"questionnaire", "campaign"},
    "petitions": {"petition"},
    "fund": {"fund", "loan", "portfolio"},
    "news": {"article", "markdown", "view_counter"},
    "products": {"product"},
}
# Capabilities that may include only these kernel folders (and their own), no other capability.
RESTRICTED = {
    "portal": {"base", "text", "geo"},
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def problems(root: pathlib.Path):
    src = root / "src"
    for path in sorted(src.rglob("*")):
        if path.suffix not in (".h", ".cpp"):
            continue
        rel = path.relative_to(src)
        top = rel.parts[0]
        inner = rel.parts[1:]
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = INCLUDE.match(line)
            if not match:
                continue
            target = match.group(1)
            if "/" not in target:
                continue  # a generated or local header
            to = target.split("/")[0]
            where = f"src/{rel}:{number}: includes {target}"
            if top == "app":
                continue
            if to == "app":
                yield f"{where}: only app/ includes app/"
            elif top in KERNEL:
                if to != top and to not in KERNEL[top]:
                    allowed = ", ".join(f"{name}/" for name in sorted(KERNEL[top])) or "no other folder"
                    yield f"{where}: the kernel folder {top}/ may include {allowed}"
            elif top in RESTRICTED:
                sub = inner[0] if len(inner) > 1 else ""
                if to == top or to in RESTRICTED[top]:
                    continue
                if to == "http" and sub == "api":
                    continue
                allowed = ", ".join(f"{name}/" for name in sorted(RESTRICTED[top]))
                yield f"{where}: {top}/ includes only {allowed} and itself ({top}/api/ also http/)"
            else:  # a capability
                sub = inner[0] if len(inner) > 1 else ""
                stem = pathlib.PurePath(inner[-1]).stem
                if to == "http" and sub != "api":
                    yield f"{where}: only {top}/api/ includes http/"
                elif to == "cli" and sub != "cli":
                    yield f"{where}: only {top}/cli/ includes cli/"
                elif to in KERNEL:
                    if not sub and stem in MODEL.get(top, set()) and to not in ("base", "text", "geo"):
                        yield f"{where}: the model of {top}/ does no I/O (base, text, geo only)"
                elif to == top:
                    if not sub and stem in MODEL.get(top, set()):
                        target_stem = pathlib.PurePath(target).stem
                        if len(target.split("/")) > 2 or target_stem not in MODEL[top]:
                            yield f"{where}: the model of {top}/ includes only its model"
                elif to == "registry":
                    if len(target.split("/")) > 2:
                        yield f"{where}: another capability includes only the registry's public headers"
                else:
                    yield f"{where}: a capability includes no other capability than the registry's public headers"


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[2])
    found = list(problems(root))
    for problem in found:
        print(problem)
    files = sum(1 for p in (root / "src").rglob("*") if p.suffix in (".h", ".cpp"))
    print(f"layers: {files} files, {len(found)} broken rule(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
