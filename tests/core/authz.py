"""Authorization matrix: the project's own URLs (health, language switch, home, API documents)."""

from tests.authz import PUBLIC, Entry

ENTRIES = {
    "healthz": Entry(get=PUBLIC),
    "readyz": Entry(get=PUBLIC),
    "set_language": Entry(post=PUBLIC, data=lambda w: {"language": "en", "next": "/"}),
    "home": Entry(get=PUBLIC),
    # The OpenAPI document and its Swagger page are public; the API's root has no page.
    "api/v1/openapi.json": Entry(get=PUBLIC),
    "api/v1/docs": Entry(get=PUBLIC),
    "api/v1/": Entry(get="404"),
}
