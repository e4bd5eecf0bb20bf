def test_the_openapi_document_lists_the_territory_endpoints(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in [
        "/api/v1/territory/communes",
        "/api/v1/territory/communes/{insee_code}",
        "/api/v1/territory/communes.geojson",
        "/api/v1/territory/places",
        "/api/v1/territory/places/{place_id}",
        "/api/v1/territory/places.geojson",
        "/api/v1/territory/service-areas",
        "/api/v1/territory/service-areas/{slug}",
    ]:
        assert path in paths, path
    parameters = {p["name"] for p in paths["/api/v1/territory/places"]["get"]["parameters"]}
    assert {"kind", "commune", "bbox", "limit", "offset"} <= parameters


def test_the_docs_page_loads(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.content
