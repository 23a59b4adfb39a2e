"""The demo's sign-in accounts, their documented password and their demo authenticator.

README.md publishes all of it: the demo logins are for trying the product, never for real
accounts.
"""

import base64

from mediation.demo.plans import Login

# A documented demo password, printed by the command; real accounts never use it.
DEMO_PASSWORD = "track-two-demo"  # noqa: S105

# The demo organizers' and facilitator's authenticator key, published in README.md so that
# anyone can add it to an app, or run `make demo-code`. Only devices with this name and key
# count as demo devices; `demo_code` refuses any other.
DEMO_TOTP_KEY_BASE32 = "ORZGCY3LFV2HO3ZNMRSW23ZNNNSXSIJB"  # "track-two-demo-key!!"
DEMO_TOTP_KEY = base64.b32decode(DEMO_TOTP_KEY_BASE32).hex()
DEMO_DEVICE_NAME = "Demo authenticator (seed_demo)"
DEMO_2FA_USERS = ("organizer", "river-organizer", "facilitator")

LOGINS = (
    Login(
        "organizer",
        "Olivia",
        "Organizer",
        organizer=True,
        shown_as="runs both processes; opens the admin at /admin/",
    ),
    # Runs the river valley process only: the demo of organizers kept apart.
    Login(
        "river-organizer",
        "Rosa",
        "Rivers",
        organizer=True,
        shown_as="runs the river valley process only (and its admin)",
    ),
    Login("facilitator", "Farid", "Facilitator", shown_as="facilitates some sessions, not all"),
    # Facilitates the sessions `facilitator` does not, so that login sees only some.
    Login("colleague", "Clara", "Colleague"),
    Login("participant", "Amina", "Haddad", shown_as="invited to some sessions, not all"),
)
