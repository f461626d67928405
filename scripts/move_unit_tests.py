#!/usr/bin/env python3
"""Moves a file's inline unit tests to the one layout: `foo.rs` ending in
`#[cfg(test)] mod tests { ... }` becomes `foo.rs` ending in `#[cfg(test)] mod tests;`
plus `foo/tests.rs` (`foo/mod.rs`: `foo/tests.rs` beside it). The code moves as it is;
run `cargo fmt --all` afterwards to re-indent it (string literals are left untouched).

    scripts/move_unit_tests.py src/engine/commit.rs src/state/lock.rs …

A file is skipped (and said so) when it has no such block, more than one, code after
it, a test module that reads files by relative path, or a tests file already in place;
a module whose tests use insta snapshots needs its `.snap` files moved by hand.
"""
import os
import sys

MARKER = "\n#[cfg(test)]\nmod tests {\n"


def target_of(path):
    folder, name = os.path.split(path)
    if name == "mod.rs":
        return os.path.join(folder, "tests.rs")
    return os.path.join(folder, name[:-3], "tests.rs")


def move(path):
    text = open(path).read()
    if text.count(MARKER) != 1:
        return "no single `#[cfg(test)] mod tests {` block"
    start = text.index(MARKER)
    block = text[start + len(MARKER):].rstrip()
    if not block.endswith("}"):
        return "the tests block is not the end of the file"
    body = block[:-1]
    if "include_str!" in body or "include_bytes!" in body or "#[path" in body:
        return "the tests read files by relative path"
    target = target_of(path)
    if os.path.exists(target) or os.path.exists(target[:-3]):
        return f"`{target}` exists"
    os.makedirs(os.path.dirname(target), exist_ok=True)
    open(target, "w").write(body.strip() + "\n")
    open(path, "w").write(text[:start] + "\n#[cfg(test)]\nmod tests;\n")
    return None


for path in sys.argv[1:]:
    problem = move(path)
    print(f"{path}: {problem or 'moved to ' + target_of(path)}")
