def test_the_front_door_leads_to_the_curation_admin_until_the_public_site_exists(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
