import pytest


@pytest.mark.django_db
def test_the_front_door_is_the_public_claim_list(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.resolver_match.view_name == "web:home"
