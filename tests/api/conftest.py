import pytest

from api.keys import api_key_create
from api.models import ApiKey


@pytest.fixture
def live_key(superuser):
    return api_key_create(name="App", user=superuser).secret


@pytest.fixture
def embargo_key(superuser):
    return api_key_create(name="Syndication partner", user=superuser, scope=ApiKey.Scope.EMBARGOED).secret
