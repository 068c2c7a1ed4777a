"""``python -m renderer`` runs the command line."""

from renderer.cli import command

command()
