"""What a stored Argon2id hash looks like, and how an old one gets upgraded."""

from argon2 import PasswordHasher, extract_parameters

from examples.security.passwords.hashing import HASHER, verify_password

# --8<-- [start:salts]
first = HASHER.hash("correct horse battery staple")
second = HASHER.hash("correct horse battery staple")
# $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>
print(first.rsplit("$", 2)[0])
#> $argon2id$v=19$m=65536,t=3,p=4
# A fresh random 16-byte salt each time: same password, different hashes.
print(first == second, len(first.split("$")[4]))
#> False 22
print(HASHER.verify(first, "correct horse battery staple"))
#> True
print(verify_password(first, "Tr0ub4dor&3").ok)
#> False
# --8<-- [end:salts]

# --8<-- [start:upgrade]
# A hash stored years ago with OWASP's minimum (19 MiB, 2 passes, 1 lane).
legacy_hasher = PasswordHasher(memory_cost=19_456, time_cost=2, parallelism=1)
stored = legacy_hasher.hash("correct horse battery staple")
print(extract_parameters(stored).memory_cost, HASHER.check_needs_rehash(stored))
#> 19456 True

# At login the password is right, so the verdict carries a new hash to save.
verdict = verify_password(stored, "correct horse battery staple")
print(verdict.ok, extract_parameters(verdict.upgraded_hash).memory_cost)
#> True 65536
# The next login finds nothing to upgrade; a wrong password never upgrades.
print(verify_password(verdict.upgraded_hash, "correct horse battery staple"))
#> Verdict(ok=True, upgraded_hash=None)
print(verify_password(stored, "wrong"))
#> Verdict(ok=False, upgraded_hash=None)
# --8<-- [end:upgrade]
