"""Every public endpoint of the API is documented with a response example, and each example
follows the response schema of the OpenAPI document (jsonschema)."""

import jsonschema
import pytest


@pytest.fixture
def document(client, db):
    return client.get("/api/v1/openapi.json").json()


def _public_operations(document):
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if not operation.get("security"):
                yield f"{method.upper()} {path}", operation


def test_every_public_endpoint_has_a_response_example(document):
    operations = dict(_public_operations(document))
    assert len(operations) >= 20  # the walk found the public API
    missing = [
        name
        for name, operation in operations.items()
        if not any(
            "example" in content
            for content in operation["responses"].get("200", {}).get("content", {}).values()
        )
    ]
    assert missing == []


def test_every_example_follows_its_schema(document):
    checked = 0
    for name, operation in _public_operations(document):
        for media, content in operation["responses"].get("200", {}).get("content", {}).items():
            if "example" in content and content.get("schema"):
                schema = {**content["schema"], "components": document["components"]}
                try:
                    jsonschema.validate(content["example"], schema)
                except jsonschema.ValidationError as exc:  # pragma: no cover - the message
                    pytest.fail(f"{name} {media}: {exc.message}")
                checked += 1
    assert checked >= 15
