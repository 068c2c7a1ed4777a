"""One page-version, from source to HTML: Liquid (with the version's globals and judge), then Markdown, with
the translated heading ids and every file it read. ``render.Renderer`` joins the model, ``liquid`` and
``markdown``; ``titles`` renders titles and intros the same way."""
