"""
A small stand-in for `requests`, provided by kowakunai: only `get`, enough for the talk's demos.

Like the real one it blocks: the request is a synchronous XMLHttpRequest, so the thread (and the event loop on
it) does nothing else until the answer comes. A relative URL ("api/slow?delay=1000") is resolved against the
deck's page. It is not the requests package: no sessions, no retries, no timeouts.
"""
import json as _json

import _kowakunai as _k

__all__ = ["get", "Response"]


class Response:
    def __init__(self, url, status_code, text):
        self.url = url
        self.status_code = status_code
        self.text = text

    @property
    def ok(self):
        return self.status_code < 400

    def json(self):
        return _json.loads(self.text)

    def raise_for_status(self):
        if not self.ok:
            raise RuntimeError(f"{self.status_code} for url: {self.url}")

    def __repr__(self):
        return f"<Response [{self.status_code}]>"


def get(url, params=None, **kwargs):
    """A blocking GET: returns when the whole answer is in."""
    if params:
        from urllib.parse import urlencode

        url += ("&" if "?" in url else "?") + urlencode(params)
    _k.note(f"requests.get {url}")
    r = _k.get_blocking(url)
    return Response(r.url, r.status, r.text)
