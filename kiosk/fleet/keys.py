"""`kiosk keys init|rotate`: the repository's signing keys (securesystemslib), kept outside the repository."""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import command_name
from kiosk.core.resources import user_folder

if TYPE_CHECKING:
    from securesystemslib.signer import Key, Signer

ROLES = ("root", "targets", "snapshot", "timestamp")
DESCRIPTION = """\
Make the four signing keys of a content repository (root, targets, snapshot, timestamp; Ed25519)
in a private folder, or replace one of them. Keep the folder OFF the web server and out of the
repository: whoever has these keys can put pages on every kiosk. Best: the root key on a USB
stick kept locked away, the others on the staff machine that publishes. See docs/fleet.md."""


class KeyProblem(Exception):
    """A key folder that cannot be used (said in one line)."""


def default_keys_dir() -> Path:
    """Return the default key folder (KIOSK_KEYS_DIR overrides it): in the user's config folder."""
    if os.environ.get("KIOSK_KEYS_DIR"):
        return Path(os.environ["KIOSK_KEYS_DIR"])
    return user_folder("config", "KIOSK_CONFIG_DIR") / "signing-keys"


@dataclass
class KeyRing:
    """The signing keys in one folder: ROLE.pem (private, 0600) and ROLE.pub.json (public)."""

    folder: Path

    def private_path(self, role: str) -> Path:
        """Return where `role`'s private key is kept."""
        return self.folder / f"{role}.pem"

    def public_path(self, role: str) -> Path:
        """Return where `role`'s public key is kept."""
        return self.folder / f"{role}.pub.json"

    def public_key(self, role: str) -> Key:
        """Return `role`'s public key."""
        from securesystemslib.signer import SSlibKey

        try:
            data = json.loads(self.public_path(role).read_text(encoding="utf-8"))
            return SSlibKey.from_dict(data["keyid"], data["key"])
        except FileNotFoundError:
            raise KeyProblem(f"no {role} key in {self.folder} (run `{command_name()} keys init`)") from None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise KeyProblem(f"{self.public_path(role)} is not a public key ({exc})") from None

    def signer(self, role: str) -> Signer:
        """Return a signer for `role` (its private key, read now)."""
        from securesystemslib.signer import CryptoSigner

        path = self.private_path(role)
        if not path.is_file():
            raise KeyProblem(f"no private {role} key at {path}")
        try:
            return CryptoSigner.from_priv_key_uri(f"file2:{path}", self.public_key(role))
        except KeyProblem:
            raise
        except Exception as exc:  # (cryptography's errors have no common base)
            raise KeyProblem(f"{path} cannot be used to sign ({type(exc).__name__}: {exc})") from None

    def make(self, role: str, replace: bool = False) -> Key:
        """Make a new Ed25519 key for `role` and store it; return its public key."""
        from securesystemslib.signer import CryptoSigner

        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not replace and self.private_path(role).exists():
            raise KeyProblem(f"{self.private_path(role)} already exists; not overwritten")
        signer = CryptoSigner.generate_ed25519()
        key = signer.public_key
        if replace:  # the old pair stays beside it until the rotation is published
            for path in (self.private_path(role), self.public_path(role)):
                if path.exists():
                    os.replace(path, path.with_name(path.name + ".old"))
        _write_private(self.private_path(role), signer.private_bytes)
        self.public_path(role).write_text(
            json.dumps({"keyid": key.keyid, "key": key.to_dict()}, indent=2) + "\n", encoding="utf-8")
        return key

    def old_signer(self, role: str) -> Signer | None:
        """Return the signer of the key `role` had before a rotation (None when there is none)."""
        from securesystemslib.signer import CryptoSigner, SSlibKey

        private = self.folder / f"{role}.pem.old"
        public = self.folder / f"{role}.pub.json.old"
        if not (private.is_file() and public.is_file()):
            return None
        data = json.loads(public.read_text(encoding="utf-8"))
        return CryptoSigner.from_priv_key_uri(f"file2:{private}",
                                              SSlibKey.from_dict(data["keyid"], data["key"]))


def _write_private(path: Path, data: bytes) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(data)


def refuse_keys_inside(keys: Path, repo: Path) -> None:
    """Raise KeyProblem when the key folder is inside the repository (it would be published)."""
    keys_real, repo_real = keys.resolve(), repo.resolve()
    if keys_real == repo_real or repo_real in keys_real.parents:
        raise KeyProblem(f"the keys folder {keys} is inside the repository {repo}: anyone could "
                         "download the keys. Keep them elsewhere")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add `kiosk keys init` and `kiosk keys rotate ROLE --repo REPO_DIR`."""
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("action", choices=("init", "rotate"),
                        help="init: make the four keys; rotate: replace one and re-sign the repository")
    parser.add_argument("role", nargs="?", choices=ROLES, help="with rotate: the key to replace")
    parser.add_argument("--keys", type=Path, metavar="DIR",
                        help="the private key folder (default: signing-keys in the user's config folder)")
    parser.add_argument("--repo", type=Path, metavar="REPO_DIR", help="with rotate: the repository")


def run(options: argparse.Namespace) -> int:
    """Run `kiosk keys`; 0 on success, 1 with one line on failure."""
    ring = KeyRing(options.keys or default_keys_dir())
    try:
        if options.action == "init":
            for role in ROLES:
                if ring.private_path(role).exists():
                    raise KeyProblem(f"{ring.private_path(role)} already exists; nothing was changed")
            for role in ROLES:
                key = ring.make(role)
                print(f"{role:<9} key {key.keyid[:16]}  {ring.private_path(role)}")
            print(f"{command_name()} keys: four keys made in {ring.folder}; keep this folder "
                  "private and backed up, and never inside the repository")
            return 0
        if options.role is None or options.repo is None:
            raise KeyProblem("rotate needs the key's role and --repo REPO_DIR")
        from kiosk.fleet.repository import ContentRepository

        refuse_keys_inside(ring.folder, options.repo)
        repository = ContentRepository(options.repo, ring)
        version = repository.rotate(options.role)
        print(f"{command_name()} keys: new {options.role} key; root version {version} signed and published "
              f"in {options.repo}; kiosks trust it on their next update")
        return 0
    except KeyProblem as exc:
        print(f"{command_name()} keys: error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{command_name()} keys: error: {exc}", file=sys.stderr)
        return 1
