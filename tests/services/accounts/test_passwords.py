"""The password policy and the hashes: what is refused, and old scrypt hashes still verifying."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.services.accounts import passwords
from app.services.accounts.passwords import policy_problem


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("12345678", "常见"),
        ("        ", "同一个字符"),
        ("aaaaaaaa", "同一个字符"),
        ("Password1", "常见"),
        ("short1", "至少 8 位"),
        ("dongsheng", "登录名"),
        ("x" * 7 + "y" * 122, "不能超过"),
    ],
)
def test_policy_refuses_short_repeated_common_and_login_passwords(password, why):
    assert why in policy_problem(password, login="Dongsheng")


def test_policy_accepts_an_ordinary_passphrase():
    assert policy_problem("草原上的羊绒2026", login="admin") is None


@given(st.integers(min_value=8, max_value=40))
def test_generated_passwords_always_pass_the_policy(length):
    assert policy_problem(passwords.generate_password(length)) is None


def test_the_common_list_is_shipped_and_read():
    common = passwords.common_passwords()
    assert {"12345678", "password", "qwerty123", "5201314"} <= common and len(common) > 100


def test_old_scrypt_hashes_verify_and_ask_for_a_rehash():
    old = passwords.scrypt_hash("老密码abc123")
    assert passwords.verify_password("老密码abc123", old) and not passwords.verify_password("x", old)
    assert passwords.needs_rehash(old)
    assert not passwords.needs_rehash(passwords.hash_password("老密码abc123"))


def test_garbage_hashes_never_verify():
    for stored in ("garbage", "", "scrypt$1$2", "$argon2id$v=19$broken"):
        assert not passwords.verify_password("anything1", stored)
