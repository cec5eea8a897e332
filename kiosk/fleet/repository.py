"""The content repository: TUF metadata (root, targets, snapshot, timestamp) over release archives.

Built with python-tuf's Metadata API the way its repository examples do (examples/manual_repo,
examples/repository): consistent snapshots, so a web server can serve the folder while it is
being published (every file a kiosk may be reading is new; timestamp.json is replaced last).

    REPO_DIR/metadata/N.root.json  N.targets.json  N.snapshot.json  timestamp.json
    REPO_DIR/targets/<sha256>.content.tar.gz

The one target, content.tar.gz, carries its release number in its signed `custom` field; each
publish lists the new archive under that name (older archives stay on disk for a while, so a
kiosk in the middle of a download finishes it).
"""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tuf.api.metadata import (
    Metadata,
    MetaFile,
    Root,
    Snapshot,
    TargetFile,
    Targets,
    Timestamp,
)
from tuf.api.serialization.json import JSONSerializer

from kiosk.fleet.keys import ROLES, KeyProblem, KeyRing

# How long each role's signature holds (days). A kiosk refuses expired metadata (a frozen or
# replayed repository), so `kiosk publish --renew` must run before the timestamp expires.
EXPIRY_DAYS = {"root": 365.0, "targets": 90.0, "snapshot": 30.0, "timestamp": 7.0}
KEEP_RELEASES = 3  # archives kept in targets/ (the newest is the one offered)


def _in(days: float) -> datetime:
    return datetime.now(UTC).replace(microsecond=0) + timedelta(days=days)


TARGET = "content.tar.gz"  # the target path kiosks ask for

class ContentRepository:
    """One repository folder and the keys that sign it."""

    def __init__(self, folder: Path, keys: KeyRing, expiry_days: dict[str, float] | None = None):
        self.folder = folder
        self.keys = keys
        self.expiry = {**EXPIRY_DAYS, **(expiry_days or {})}
        self.metadata_dir = folder / "metadata"
        self.targets_dir = folder / "targets"
        self._serializer = JSONSerializer(compact=False)

    # -- reading ---------------------------------------------------------------------------------

    def exists(self) -> bool:
        """Return True once the repository has metadata."""
        return (self.metadata_dir / "timestamp.json").is_file()

    def _root_version(self) -> int:
        versions = [int(p.name.split(".")[0]) for p in self.metadata_dir.glob("*.root.json")
                    if p.name.split(".")[0].isdigit()]
        return max(versions, default=0)

    def load(self) -> dict[str, Metadata[Any]]:
        """Return the current metadata of the four roles."""
        timestamp = Metadata[Timestamp].from_file(str(self.metadata_dir / "timestamp.json"))
        snapshot = Metadata[Snapshot].from_file(
            str(self.metadata_dir / f"{timestamp.signed.snapshot_meta.version}.snapshot.json"))
        targets = Metadata[Targets].from_file(
            str(self.metadata_dir / f"{snapshot.signed.meta['targets.json'].version}.targets.json"))
        root = Metadata[Root].from_file(str(self.metadata_dir / f"{self._root_version()}.root.json"))
        return {"root": root, "targets": targets, "snapshot": snapshot, "timestamp": timestamp}

    def release(self) -> int:
        """Return the number of the release the repository offers (0 before the first)."""
        if not self.exists():
            return 0
        target = self.load()["targets"].signed.targets.get(TARGET)
        return int(target.custom.get("release", 0)) if target is not None else 0

    # -- writing ---------------------------------------------------------------------------------

    def _write(self, metadata: Metadata[Any], name: str) -> None:
        path = self.metadata_dir / name
        temporary = path.with_name(f".{name}.tmp")
        temporary.write_bytes(metadata.to_bytes(self._serializer))
        with open(temporary, "rb+") as stream:
            os.fsync(stream.fileno())
        os.replace(temporary, path)

    def _sign(self, metadata: Metadata[Any], role: str) -> None:
        metadata.signatures.clear()
        metadata.sign(self.keys.signer(role), append=True)

    def create(self) -> None:
        """Make a new repository: version 1 of every role, signed with the key ring's keys."""
        if self.exists():
            raise KeyProblem(f"{self.folder} already holds a repository")
        self.metadata_dir.mkdir(parents=True, exist_ok=True)
        self.targets_dir.mkdir(parents=True, exist_ok=True)
        root = Metadata(Root(expires=_in(self.expiry["root"]), consistent_snapshot=True))
        for role in ROLES:
            root.signed.add_key(self.keys.public_key(role), role)
        self._sign(root, "root")
        self._write(root, "1.root.json")
        targets = Metadata(Targets(expires=_in(self.expiry["targets"])))
        self._sign(targets, "targets")
        self._write(targets, "1.targets.json")
        snapshot = Metadata(Snapshot(expires=_in(self.expiry["snapshot"])))
        self._sign(snapshot, "snapshot")
        self._write(snapshot, "1.snapshot.json")
        timestamp = Metadata(Timestamp(expires=_in(self.expiry["timestamp"])))
        self._sign(timestamp, "timestamp")
        self._write(timestamp, "timestamp.json")

    def add_release(self, archive: Path, number: int) -> str:
        """Offer the archive of release `number` (older archives: the last few stay on disk)."""
        roles = self.load()
        name = TARGET
        target = TargetFile.from_file(name, str(archive), ["sha256"])
        target.unrecognized_fields["custom"] = {"release": number}
        digest = target.hashes["sha256"]
        self.targets_dir.mkdir(parents=True, exist_ok=True)
        stored = self.targets_dir / f"{digest}.{name}"
        temporary = stored.with_name(f".{stored.name}.tmp")
        shutil.copyfile(archive, temporary)
        os.replace(temporary, stored)
        roles["targets"].signed.targets[name] = target
        self._publish(roles, targets_changed=True)
        self._prune_targets()
        return name

    def renew(self) -> None:
        """Sign targets, snapshot and timestamp again with fresh expiry dates (before they expire)."""
        self._publish(self.load(), targets_changed=True)

    def _publish(self, roles: dict[str, Metadata[Any]], targets_changed: bool) -> None:
        targets, snapshot, timestamp = roles["targets"], roles["snapshot"], roles["timestamp"]
        if targets_changed:
            targets.signed.version += 1
            targets.signed.expires = _in(self.expiry["targets"])
            self._sign(targets, "targets")
            self._write(targets, f"{targets.signed.version}.targets.json")
            snapshot.signed.meta["targets.json"] = MetaFile(version=targets.signed.version)
        snapshot.signed.version += 1
        snapshot.signed.expires = _in(self.expiry["snapshot"])
        self._sign(snapshot, "snapshot")
        self._write(snapshot, f"{snapshot.signed.version}.snapshot.json")
        timestamp.signed.snapshot_meta = MetaFile(version=snapshot.signed.version)
        timestamp.signed.version += 1
        timestamp.signed.expires = _in(self.expiry["timestamp"])
        self._sign(timestamp, "timestamp")
        self._write(timestamp, "timestamp.json")  # last: kiosks see the new state all at once

    def _prune_targets(self) -> None:
        archives = sorted((p for p in self.targets_dir.glob(f"*.{TARGET}") if p.is_file()),
                          key=lambda p: p.stat().st_mtime_ns)
        for path in archives[:-KEEP_RELEASES]:
            path.unlink()

    def rotate(self, role: str) -> int:
        """Replace `role`'s key: a new root version signed by the old and new root keys.

        Kiosks follow the chain of root versions, so each one accepts the new key on its next
        update. Returns the new root version.
        """
        roles = self.load()
        root = roles["root"]
        old_keyids = list(root.signed.roles[role].keyids)
        old_root_signer = self.keys.signer("root")
        new_key = self.keys.make(role, replace=True)
        for keyid in old_keyids:
            root.signed.revoke_key(keyid, role)
        root.signed.add_key(new_key, role)
        root.signed.version += 1
        root.signed.expires = _in(self.expiry["root"])
        root.signatures.clear()
        if role == "root":  # the old root key vouches for the new one (TUF's root chain)
            root.sign(old_root_signer, append=True)
        root.sign(self.keys.signer("root"), append=True)
        self._write(root, f"{root.signed.version}.root.json")
        self._publish(self.load(), targets_changed=True)  # re-signed with the new key
        return int(root.signed.version)
