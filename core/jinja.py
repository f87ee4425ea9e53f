"""The Jinja2 environment for the templates in jinja2/: autoescaped, undefined names an error, no globals."""

from jinja2 import Environment, StrictUndefined


def environment(**options) -> Environment:
    options["undefined"] = StrictUndefined  # a misspelt name fails the test instead of rendering an empty cell
    options.pop("autoescape", None)  # Django's backend sets it too; said here so no setting can turn it off
    return Environment(autoescape=True, **options)
