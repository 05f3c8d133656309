"""HTTP caching for a CDN: what a shared cache may keep, for how long, under which keys, and how
it is told to drop them; and compression of what it serves.

- ``release``: the deployed code's identity, part of every public page's validators.
- ``policy``: Cache-Control for shared caches, and the middleware that makes anything personal
  private whatever a view said.
- ``keys``: surrogate keys, the names of the records a page shows (``Surrogate-Key``,
  ``Cache-Tag``).
- ``purge``: after a commit that changed records, a purge request naming their keys.
- ``compression``: gzip and brotli, never for a response carrying a CSRF token or session data.

docs/operations.md ("Caching and CDNs") describes all of it for whoever runs the CDN.
"""
