"""The site model: what the docs are, before anything renders.

Configuration and versions, front matter, data files, the page tree, errors and limits, which page-versions a
command works on (``selection``) and what a changed file affects (``impact``). Nothing here renders Liquid or
Markdown: the model imports no other part of the renderer.
"""
