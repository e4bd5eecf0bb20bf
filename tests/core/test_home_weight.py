"""The home page stays light: people open it on slow mobile connections in the mountains.

The budget covers the HTML and every local asset the page references (stylesheets and what they
import, scripts, icons, images), map tiles excluded. Sizes are uncompressed: an upper bound of
what is transferred, whatever compression the server applies.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

BUDGET_BYTES = 150_000
# <link> relations that point at other pages, not at something the browser downloads.
NAVIGATION_RELS = {"alternate", "canonical", "author", "help", "license", "next", "prev", "search"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


class AssetUrls(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        rels = set((attributes.get("rel") or "").lower().split())
        if tag == "link" and attributes.get("href") and not rels & NAVIGATION_RELS:
            self.urls.append(attributes["href"])
        elif tag in {"script", "img", "source", "iframe"} and attributes.get("src"):
            self.urls.append(attributes["src"])
        if tag in {"img", "source"} and attributes.get("srcset"):
            self.urls += [part.split()[0] for part in attributes["srcset"].split(",")]


def static_file(url: str) -> Path:
    """The file behind a local static URL, found like `runserver` finds it."""
    parts = urlsplit(url)
    assert not parts.netloc, f"{url}: the home page loads nothing from another site"
    assert not parts.scheme, f"{url}: not a local file"
    assert parts.path.startswith(settings.STATIC_URL), f"{url}: not a static file"
    found = finders.find(parts.path.removeprefix(settings.STATIC_URL))
    assert found, f"{url}: referenced by the page but missing from the static files"
    return Path(found)


def asset_sizes(html: str) -> dict[str, int]:
    parser = AssetUrls()
    parser.feed(html)
    sizes: dict[str, int] = {}
    pending = list(parser.urls)
    while pending:
        url = pending.pop()
        if url.startswith("data:") or urlsplit(url).path in sizes:
            continue  # inline data is already counted in its page or stylesheet
        path = static_file(url)
        sizes[urlsplit(url).path] = path.stat().st_size
        if path.suffix == ".css":
            for match in CSS_URL.finditer(path.read_text(encoding="utf-8")):
                pending.append(urljoin(url, match.group(1) or match.group(2)))
    return sizes


def home_weight(client) -> tuple[int, dict[str, int]]:
    response = client.get("/")
    assert response.status_code == 200
    sizes = {"/ (HTML)": len(response.content), **asset_sizes(response.content.decode())}
    return sum(sizes.values()), sizes


def test_the_home_page_weighs_under_150_kb_for_a_visitor(client, db):
    total, sizes = home_weight(client)
    assert total < BUDGET_BYTES, f"home page weighs {total} bytes: {sizes}"


def test_the_home_page_weighs_under_150_kb_for_an_operator(client, admin_user):
    admin_user.is_staff = True
    admin_user.save(update_fields=["is_staff"])
    client.force_login(admin_user)
    total, sizes = home_weight(client)
    assert total < BUDGET_BYTES, f"home page weighs {total} bytes: {sizes}"


def test_the_weight_counts_the_stylesheet_script_and_icon(client, db):
    _, sizes = home_weight(client)
    assert {"/static/css/site.css", "/static/js/site.js", "/static/img/logo.svg"} <= set(sizes)


def test_the_weight_fails_on_a_heavy_asset(tmp_path, settings):
    (tmp_path / "hero.jpg").write_bytes(b"\0" * BUDGET_BYTES)
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, tmp_path]
    html = f'<img src="{settings.STATIC_URL}hero.jpg" alt="">'
    assert sum(asset_sizes(html).values()) >= BUDGET_BYTES


def test_the_weight_follows_stylesheet_imports(db):
    sizes = asset_sizes(f'<link rel="stylesheet" href="{settings.STATIC_URL}leaflet/leaflet.css">')
    assert any(path.endswith(".png") for path in sizes)  # Leaflet's CSS references its images


@pytest.mark.parametrize(
    "html",
    [
        '<script src="https://cdn.example.org/lib.js"></script>',
        '<link rel="stylesheet" href="/static/css/missing.css">',
    ],
)
def test_the_weight_refuses_external_or_missing_assets(html):
    with pytest.raises(AssertionError):
        asset_sizes(html)
