"""gunicorn's settings for every deployment.

gunicorn reads ./gunicorn.conf.py by itself, and the Dockerfile, docker-compose.yml and the load
test start it from this folder. Command-line options still win over these.

gunicorn answers a few malformed requests itself, before Django sees them: a request line over
``limit_request_line`` (414), headers over their limits (431), a line that is not HTTP (400).
Its own answer is a bare HTML page with no CORS headers, which a script on another origin
cannot even read. Here those answers take the API's error shape instead, readable from any
origin, as every other API error is (docs/api.md, "Errors"). gunicorn cannot tell which
address such a request was for, so the site's visitors get the same JSON; a browser never
sends these requests by following a link.
"""

import json

from gunicorn import util

from claimtracker import garbage

# gunicorn's default, stated: a request line (method, address with its query, protocol) of at
# most this many bytes. The API's longest legitimate query (q= at 200 characters, percent-
# encoded, plus every filter) is well under it.
limit_request_line = 4094

CODES = {
    400: "bad_request",
    403: "forbidden",
    413: "too_large",
    414: "uri_too_long",
    431: "headers_too_large",
    500: "server_error",
    501: "not_implemented",
}


def write_error(sock: object, status_int: int, reason: str, mesg: str) -> None:
    """gunicorn's ``util.write_error``, answering in the API's JSON error shape."""
    message = f"{reason}: {mesg}" if mesg else reason
    entry = {"code": CODES.get(status_int, "bad_request"), "message": message, "field": None}
    body = json.dumps({"errors": [entry]}).encode()
    head = (
        f"HTTP/1.1 {status_int} {reason}\r\n"
        "Connection: close\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n"
        "Access-Control-Allow-Origin: *\r\n"
        "\r\n"
    )
    util.write_nonblock(sock, head.encode("latin-1") + body)


# The workers fork from the process that read this file, so they answer with it too.
util.write_error = write_error


# Python's garbage collector runs after a request rather than in one (claimtracker/garbage.py).
def post_worker_init(worker: object) -> None:
    garbage.settle(worker)


def post_request(worker: object, req: object, environ: object, resp: object) -> None:
    garbage.collect_after(worker)
