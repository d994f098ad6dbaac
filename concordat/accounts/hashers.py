"""The password hasher: Argon2id at the OWASP-recommended cost.

Django's own Argon2 settings (100 MiB, parallelism 8) are tuned for a dedicated machine; at a sign-in
stampede on a 2-core server they queue. OWASP's Password Storage Cheat Sheet gives Argon2id with 19 MiB,
2 iterations and parallelism 1 as its first recommendation: memory-hard, and about 20 ms of one core.
Existing PBKDF2 hashes stay valid and are re-hashed with this one at the next sign-in (Django does that
for any hasher that is not first in ``PASSWORD_HASHERS``). ``concordat bench signin`` measures it.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class OwaspArgon2idHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
