"""What the terminal shows: located problems with their source lines, progress, and summary tables."""
