"""The laid-out document: page templates, navigation, mini table of contents, and the record of every file the
layout read (``provenance``), so that build, preview and diff know what a reader sees and where it came from."""
