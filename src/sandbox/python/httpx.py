"""
A small stand-in for `httpx`, provided by kowakunai: only `AsyncClient().get`, enough for the talk's demos.

The request is the browser's `fetch`, awaited: while it is on its way the event loop runs other tasks, like
with the real AsyncClient. A relative URL ("api/slow?delay=1000") is resolved against the deck's page. It is not
the httpx package: no sync client, no streaming, no timeouts.
"""
import json as _json

import _kowakunai as _k

__all__ = ["AsyncClient", "Response"]

_REASONS = {200: "OK", 404: "Not Found", 429: "Too Many Requests", 500: "Internal Server Error"}


class Response:
    def __init__(self, url, status_code, text):
        self.url = url
        self.status_code = status_code
        self.text = text

    @property
    def is_success(self):
        return 200 <= self.status_code < 300

    def json(self):
        return _json.loads(self.text)

    def raise_for_status(self):
        if not self.is_success:
            raise RuntimeError(f"{self.status_code} for url: {self.url}")
        return self

    def __repr__(self):
        return f"<Response [{self.status_code} {_REASONS.get(self.status_code, '')}]>".replace(" ]", "]")


class AsyncClient:
    def __init__(self, **kwargs):
        self.is_closed = False

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        await self.aclose()

    async def aclose(self):
        self.is_closed = True

    async def get(self, url, params=None, **kwargs):
        """An async GET: the task waits here, the loop moves on."""
        if params:
            from urllib.parse import urlencode

            url += ("&" if "?" in url else "?") + urlencode(params)
        r = await _k.get_async(url)
        return Response(r.url, r.status, r.text)
