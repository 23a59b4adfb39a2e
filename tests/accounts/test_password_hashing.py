"""Passwords: Argon2id at RFC 9106's 64 MiB option, and older hashes still accepted."""

from django.contrib.auth import hashers
from django.contrib.auth.hashers import check_password, identify_hasher, make_password

from config import settings as project_settings


def test_a_new_password_is_hashed_with_argon2id_at_64_mib_and_three_passes(settings):
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    encoded = make_password("a long enough passphrase")
    assert encoded.startswith("argon2$argon2id$v=19$m=65536,t=3,p=4$")


def test_a_hash_made_with_djangos_defaults_still_signs_in_and_is_upgraded(settings):
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    older = hashers.Argon2PasswordHasher().encode("a long enough passphrase", "somesaltvalue1")
    upgraded = []
    assert check_password("a long enough passphrase", older, setter=upgraded.append)
    assert upgraded == ["a long enough passphrase"]
    assert identify_hasher(older).must_update(older)
    assert not check_password("another passphrase", older)
