"""A working day in Finsam for locust (headless): förbund staff registering, national staff reading.

Run by benchmarks/load/run, which prepares the database, starts gunicorn and passes:
    LOAD_USERS_FILE  JSON written by benchmarks/load/setup.py (users, their förbund, the year)
    LOAD_PASSWORD    the users' password
    LOAD_LOGIN_SHARE the share of users who log in through the login form (default 0.1); the others start with the
                     session setup.py made, as if they had logged in earlier in the day. A login is PBKDF2 with
                     1.5 million iterations (~0.5 s of a core, on purpose), so 100 logins in the first 10 s would
                     measure a morning rush, not a working day. LOAD_LOGIN_SHARE=1 measures that rush.

ForbundUser (förbundsadministratör, LOAD_FORBUND_USERS of them, default 70, each in a förbund of their own as long
as there are förbund enough): the förbund's start page, the insatser list, an insats page, the year's figures form
(GET, then POST with the version read from the form: optimistic locking), the economy pages and the economy form
(GET, then POST). NationalReader (nationell handläggare, the other users): the dashboard, the registration status
and the national economy. Think time 2–6 s. Every page counts as an error unless it answers as a browser expects
(200, or 302 after a save); a save answered with the form again (a validation error or an edit conflict) is an error
with the form's message.

The server is addressed as production behind TLS: X-Forwarded-Proto: https (BEHIND_PROXY=true) with Origin and
Referer on the form posts. Its cookies are Secure, which the client would not send back over plain HTTP, so they
are marked insecure on arrival (the server never sees the difference).
"""

import itertools
import json
import os
import random
import re
from html.parser import HTMLParser

from locust import HttpUser, between, events, task

with open(os.environ["LOAD_USERS_FILE"]) as f:
    DATA = json.load(f)
PASSWORD = os.environ["LOAD_PASSWORD"]
AR = DATA["ar"]
FORBUND_USERS = int(os.getenv("LOAD_FORBUND_USERS", "70"))
LOGIN_SHARE = float(os.getenv("LOAD_LOGIN_SHARE", "0.1"))
_nummer = itertools.count()
_forbund_konton = itertools.cycle(DATA["forbund"])
_nationella_konton = itertools.cycle(DATA["nationella"])

LOGIN = "/konto/logga-in/"
INSATS_LINK = re.compile(r'href="(/forbund/[\w-]+/insatser/(\d+)/)"')


class FormParser(HTMLParser):
    """The values a browser would submit from the page's form with method=post (inputs, selects, textareas)."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, list[str]] = {}
        self.errors: list[str] = []
        self._in_form = False
        self._select = None
        self._textarea = None
        self._error_depth = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._in_form = True
        if "error" in (a.get("class") or "") or a.get("role") == "alert":
            self._error_depth += 1
        if not self._in_form:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            if kind in {"submit", "button", "file"}:
                return
            self.fields.setdefault(name, []).append(a.get("value") or ("on" if kind == "checkbox" else ""))
        elif tag == "select" and name:
            self._select = name
            self.fields.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in a:
            self.fields[self._select].append(a.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = [""]

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea][0] += data
        if self._error_depth and data.strip():
            self.errors.append(data.strip())

    @classmethod
    def parse(cls, html: str) -> "FormParser":
        p = cls()
        p.feed(html)
        return p


def _belopp(value: str) -> int | None:
    """The amount a text box shows ("1 250 000") as an int; None when empty."""
    digits = re.sub(r"[^\d-]", "", value.replace("\u2212", "-"))
    return int(digits) if digits not in {"", "-"} else None


class FinsamUser(HttpUser):
    abstract = True
    wait_time = between(2, 6)

    def on_start(self):
        self.origin = self.host.replace("http://", "https://", 1)
        self.client.headers["X-Forwarded-Proto"] = "https"
        n = next(_nummer)
        if int((n + 1) * LOGIN_SHARE) > int(n * LOGIN_SHARE):
            self.login()
        else:
            self.client.cookies.set(DATA["session_cookie"], self.session, domain="127.0.0.1", path="/")

    # ------------------------------------------------------------------ HTTP helpers
    def _insecure_cookies(self):
        for cookie in self.client.cookies:
            cookie.secure = False

    def get(self, url, name, expect=200):
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as r:
            self._insecure_cookies()
            if r.status_code == 302 and LOGIN in r.headers.get("Location", ""):
                r.failure("logged out (redirect to the login page)")
            elif r.status_code != expect:
                r.failure(f"status {r.status_code}, expected {expect}")
            return r

    def post_form(self, url, data, name, referer):
        """POST as the browser does; a 302 is the save going through, the form again is an error with its message."""
        headers = {"Origin": self.origin, "Referer": self.origin + referer}
        with self.client.post(
            url, data=data, name=name, headers=headers, allow_redirects=False, catch_response=True
        ) as r:
            self._insecure_cookies()
            if r.status_code != 302:
                fel = FormParser.parse(r.text).errors[:3] if r.text else []
                r.failure(f"status {r.status_code}: {' | '.join(fel)[:300]}")
                return None
            return r.headers["Location"]

    def login(self):
        r = self.get(LOGIN, "login (form)")
        form = FormParser.parse(r.text).fields
        data = {
            "csrfmiddlewaretoken": form["csrfmiddlewaretoken"][0],
            "username": self.username,
            "password": PASSWORD,
            "next": "",
        }
        if self.post_form(LOGIN, data, "login (POST)", LOGIN) is None:
            raise RuntimeError(f"login failed for {self.username}")


class ForbundUser(FinsamUser):
    # One per förbund: two administrators saving the same form at once would (rightly) get an edit conflict.
    fixed_count = min(FORBUND_USERS, DATA["antal_forbund"])

    def on_start(self):
        konto = next(_forbund_konton)
        self.username, self.slug, self.session = konto["username"], konto["slug"], konto["session"]
        super().on_start()
        self.base = f"/forbund/{self.slug}"
        self.insatser = []
        self.insats_list()

    @task(2)
    def forbund_start(self):
        self.get(f"{self.base}/?ar={AR}", "förbund: start page")

    @task(4)
    def insats_list(self):
        r = self.get(f"{self.base}/insatser/?ar={AR}", "förbund: insatser list")
        if r.ok:
            self.insatser = sorted({m.group(1) for m in INSATS_LINK.finditer(r.text)})

    @task(4)
    def insats_page(self):
        if self.insatser:
            self.get(random.choice(self.insatser), "förbund: insats page")

    @task(3)
    def insats_ar_save(self):
        """The year's figures: open the form, change the budget a little, save with the version the form carried."""
        if not self.insatser:
            return
        insats = random.choice(self.insatser)
        url = f"{insats}ar/{AR}/"
        r = self.get(url, "förbund: year's figures form (GET)")
        if not r.ok:
            return
        data = FormParser.parse(r.text).fields
        budget = _belopp(data.get("budget", [""])[0]) or 100_000
        data["budget"] = [str(budget + random.choice([-1000, 1000]))]
        if self.post_form(url, data, "förbund: year's figures (POST save)", url):
            self.get(insats, "förbund: insats page")

    @task(2)
    def ekonomi(self):
        self.get(f"{self.base}/ekonomi/", "förbund: ekonomi index")
        self.get(f"{self.base}/ekonomi/{AR}/", "förbund: ekonomi page (year)")

    @task(1)
    def ekonomi_save(self):
        """The economy form: open, change administration's outcome a little, save with the form's version."""
        url = f"{self.base}/ekonomi/{AR}/andra/"
        r = self.get(url, "förbund: ekonomi form (GET)")
        if not r.ok:
            return
        data = FormParser.parse(r.text).fields
        utfall = _belopp(data.get("administration_utfall", [""])[0]) or 500_000
        data["administration_utfall"] = [str(utfall + random.choice([-1000, 1000]))]
        if self.post_form(url, data, "förbund: ekonomi form (POST save)", url):
            self.get(f"{self.base}/ekonomi/{AR}/", "förbund: ekonomi page (year)")


class NationalReader(FinsamUser):
    weight = 1

    def on_start(self):
        konto = next(_nationella_konton)
        self.username, self.session = konto["username"], konto["session"]
        super().on_start()

    @task(3)
    def dashboard(self):
        self.get(f"/statistik/?ar={AR}", "national: dashboard /statistik/?ar=")

    @task(2)
    def registrering(self):
        self.get(f"/statistik/registrering/?ar={AR}", "national: registration status")

    @task(2)
    def ekonomi(self):
        r = self.get("/ekonomi/", "national: /ekonomi/ (redirect)", expect=302)
        if r.status_code == 302:
            self.get(r.headers["Location"], "national: ekonomi year page")


_env = {}


@events.init.add_listener
def _init(environment, **kwargs):
    _env["environment"] = environment


@events.spawning_complete.add_listener
def _report(user_count, **kwargs):
    """Users by kind, for the summary (locust's own table has the requests)."""
    runner = _env["environment"].runner
    print(f"# users: {user_count} {dict(runner.user_classes_count)}", flush=True)
