"""The site on disk: the builder and its incremental plan, output guards, the atomic swap, redirects, sitemap and
search indexes."""
