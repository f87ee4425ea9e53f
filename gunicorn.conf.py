"""gunicorn's settings for production, read from the working directory: `gunicorn finsam.wsgi`.

Values come from the environment like the Django settings; see README ("Production").
"""

import os

wsgi_app = "finsam.wsgi:application"
bind = os.getenv("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.getenv("GUNICORN_WORKERS", "2"))
# gunicorn 27 opens a management socket under ~/.gunicorn by default; we do not use it.
control_socket_disable = True


def _without_server_header():
    """gunicorn has no setting for its `Server: gunicorn` header: drop it, so responses do not name the server."""
    from gunicorn.http import wsgi

    if getattr(wsgi.Response, "_finsam_no_server", False):
        return
    default_headers = wsgi.Response.default_headers

    def headers(self):
        return [h for h in default_headers(self) if not h.lower().startswith("server:")]

    wsgi.Response.default_headers = headers
    wsgi.Response._finsam_no_server = True


def post_worker_init(worker):
    _without_server_header()
