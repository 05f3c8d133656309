import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_the_front_door_leads_to_the_public_claim_list(client):
    response = client.get("/", follow=True)

    assert response.redirect_chain == [("/en/", 302)]
    assert response.status_code == 200
    assert response.resolver_match.view_name == "web:home"
    assert reverse("web:home") == "/en/"
