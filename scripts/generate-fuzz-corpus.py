#!/usr/bin/env python3
"""Writes the seed corpus of the `syntax` and `checker` fuzz targets (Fuzz/Corpus/syntax/ and
Fuzz/Corpus/checker/) from the .kal files of examples/, stdlib/ and the test fixtures, each
named by its path with `/` as `-`. Run it after adding, changing or removing one of those
files; a test fails while the corpus differs."""
import pathlib
import shutil

from swift_literal import output_root

root = pathlib.Path(__file__).resolve().parent.parent
sources = ["examples", "stdlib", "Tests/Fixtures/kal-projects", "Tests/KalcSyntaxTests/Fixtures/parser"]
targets = ["syntax", "checker"]

seeds = sorted(p for folder in sources for p in (root / folder).rglob("*.kal") if p.is_file())
for target in targets:
    corpus = output_root(root) / "Fuzz/Corpus" / target
    if corpus.exists():
        shutil.rmtree(corpus)
    corpus.mkdir(parents=True)
    for path in seeds:
        shutil.copyfile(path, corpus / path.relative_to(root).as_posix().replace("/", "-"))
