"""C2PA: local CA + signer created on first use, sign an mp4, verify it, detect tampering."""

from __future__ import annotations

import shutil
import stat
import struct
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID

import cielo
from cielo.safety.c2pa_signing import (
    TRAINED_ALGORITHMIC_MEDIA,
    ContentCredentials,
    ManifestInfo,
    ensure_local_credentials,
    verify,
)

from .conftest import vertical_frame, write_video

VIDEO_ID = "video_" + "5eed" * 8


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("c2pa")
    frames = [vertical_frame("china.jpg", offset=4 * i, size=(180, 320)) for i in range(12)]
    return write_video(folder / "source.mp4", frames)


@pytest.fixture(scope="module")
def signed(source: Path, tmp_path_factory) -> tuple[ContentCredentials, Path]:
    keys = tmp_path_factory.mktemp("keys")
    credentials = ContentCredentials(keys)
    out = source.parent / "signed.mp4"
    credentials.sign_mp4(source, out, ManifestInfo(video_id=VIDEO_ID, model="preview-1"))
    return credentials, out


def top_level_boxes(data: bytes) -> dict[str, tuple[int, int]]:
    boxes, offset = {}, 0
    while offset + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[offset : offset + 8])
        if size == 1:
            size = struct.unpack(">Q", data[offset + 8 : offset + 16])[0]
        boxes[kind.decode("latin-1")] = (offset, size)
        offset += size or len(data)
    return boxes


def test_sign_and_verify(signed: tuple[ContentCredentials, Path]):
    credentials, path = signed
    report = credentials.verify(path)
    assert report.valid and report.trusted and report.errors == []
    assert report.video_id == VIDEO_ID
    manifest = report.manifest
    assert manifest["claim_generator_info"][0]["name"] == "Cielo"
    assert manifest["claim_generator_info"][0]["version"] == cielo.__version__
    actions = next(a for a in manifest["assertions"] if a["label"].startswith("c2pa.actions"))["data"]["actions"]
    created = next(a for a in actions if a["action"] == "c2pa.created")
    assert created["digitalSourceType"] == TRAINED_ALGORITHMIC_MEDIA
    assert created["softwareAgent"]["name"] == f"Cielo {cielo.__version__}"
    assert created["parameters"]["model"] == "preview-1"


def test_without_trust_anchors_the_signature_is_valid_but_not_trusted(signed: tuple[ContentCredentials, Path]):
    report = verify(signed[1])
    assert report.valid and not report.trusted


def test_a_flipped_byte_in_the_video_data_is_detected(signed: tuple[ContentCredentials, Path], tmp_path: Path):
    credentials, path = signed
    data = bytearray(path.read_bytes())
    offset, size = top_level_boxes(bytes(data))["mdat"]
    data[offset + size // 2] ^= 0x01
    tampered = tmp_path / "tampered.mp4"
    tampered.write_bytes(bytes(data))
    report = credentials.verify(tampered)
    assert not report.valid
    assert any("mismatch" in e for e in report.errors), report.errors


def test_unsigned_file_has_no_manifest(source: Path):
    report = verify(source)
    assert not report.valid and report.manifest is None and report.errors


def test_local_keys_are_private_and_the_signer_is_issued_by_the_ca(signed: tuple[ContentCredentials, Path]):
    credentials, _ = signed
    keys = Path(credentials._keys_dir)
    for name in ("ca.key", "signer.key"):
        assert stat.S_IMODE((keys / name).stat().st_mode) == 0o600
    ca = x509.load_pem_x509_certificate((keys / "ca.pem").read_bytes())
    signer = x509.load_pem_x509_certificate((keys / "signer.pem").read_bytes())
    assert signer.issuer == ca.subject and signer.subject != signer.issuer
    signer.verify_directly_issued_by(ca)
    eku = signer.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert ExtendedKeyUsageOID.EMAIL_PROTECTION in eku
    assert not signer.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    # A second start reuses the same CA and signer instead of minting new ones.
    again = ensure_local_credentials(keys)
    assert again.cert_chain_pem == credentials.credentials.cert_chain_pem


def test_another_instance_does_not_trust_our_videos(signed: tuple[ContentCredentials, Path], tmp_path: Path):
    other = ContentCredentials(tmp_path / "other-keys")
    report = other.verify(signed[1])
    assert report.valid and not report.trusted  # the signature holds; the signer is not theirs


def test_operator_supplied_certificate(signed: tuple[ContentCredentials, Path], source: Path, tmp_path: Path):
    local = Path(signed[0]._keys_dir)
    chain = tmp_path / "chain.pem"
    chain.write_bytes((local / "signer.pem").read_bytes() + (local / "ca.pem").read_bytes())
    key = tmp_path / "key.pem"
    shutil.copy(local / "signer.key", key)
    operator = ContentCredentials(cert_chain_path=chain, key_path=key, trust_anchors_path=local / "ca.pem")
    out = tmp_path / "operator.mp4"
    operator.sign_mp4(source, out, ManifestInfo(video_id=VIDEO_ID, model="wan-2.2"))
    report = operator.verify(out)
    assert report.valid and report.trusted and report.video_id == VIDEO_ID
    with pytest.raises(ValueError):
        ContentCredentials(cert_chain_path=chain)
