"""The glossary engine: load, validate and render the YAML entries of ``glossary/``.

Data flows one way: ``glossary/*.yml → load → validate → model → render → pages``.
Only :mod:`hooks.mkdocs_glossary` knows about MkDocs.
"""
