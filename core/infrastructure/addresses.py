"""Addresses of this site, built so that no request can make them name another one.

A path taken from the request (`request.path`, `get_full_path()`) is whatever the client
sent: `//evil.example/x` is a path Django routes (to a 404), but written into an `href` or
handed to `build_absolute_uri` it is a link to evil.example. And the 400 page for a bad
`Host` header cannot ask that header for the site's address.
"""

from django.core.exceptions import DisallowedHost

# Browsers read a backslash as a slash in a URL: "/\\evil.example" is "//evil.example".
_LEADING = "/\\"


def site_path(path):
    """`path` as a path of this site: one leading slash, never a scheme-relative URL."""
    return "/" + path.lstrip(_LEADING)


def absolute_uri(request, path):
    """https://this-host/path; the bare path when the request's host is not one of ours
    (the 400 page for a bad Host header), which a browser resolves against this site too."""
    path = site_path(path)
    try:
        return request.build_absolute_uri(path)
    except DisallowedHost:
        return path
