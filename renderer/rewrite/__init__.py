"""Tools that rewrite the sources for a change of versions: ``migrate`` (old version syntax to ``ifversion`` and
short names) and ``retire`` (a release removed), each proving that no reader sees a difference."""
