"""C2PA content credentials for generated videos (c2pa-python), signed offline.

On first use an instance creates, in its `keys_dir`, a local certificate authority and a signer
certificate issued by it (ECDSA P-256, ES256). C2PA validators refuse self-signed signing certificates,
and want an end-entity certificate with an extended key usage they accept: emailProtection. There is no
timestamp authority offline (ta_url=None), so a signature is valid while the certificate is; the signer
certificate is re-issued from the same CA a month before it expires. Private keys are written 0600.
Operators with a real C2PA certificate pass its chain and key instead (`load_credentials`).

A manifest names the generator ("Cielo <version>"), records a `c2pa.created` action with
digitalSourceType trainedAlgorithmicMedia and the model, and carries the video id in an
`org.cielo.video` assertion. Verification checks the signature, the certificate chain against this
instance's CA (plus any anchors the operator adds) and the hash of every byte outside the manifest.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

import cielo

TRAINED_ALGORITHMIC_MEDIA = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
VIDEO_ASSERTION = "org.cielo.video"
_UNTRUSTED = "signingCredential.untrusted"
_CA_FILES = ("ca.pem", "ca.key")
_SIGNER_FILES = ("signer.pem", "signer.key")
_RENEW_BEFORE = dt.timedelta(days=30)


class C2paSigningError(RuntimeError):
    """Signing failed: bad credentials, an unsupported file, or an I/O error."""


@dataclass(frozen=True)
class SigningCredentials:
    cert_chain_pem: bytes  # signer certificate first, then its issuers
    private_key_pem: bytes
    trust_anchors_pem: bytes = b""  # CA certificates a verifier of this instance should trust
    alg: str = "es256"


@dataclass(frozen=True)
class ManifestInfo:
    video_id: str
    model: str
    version: str = cielo.__version__
    voice_model: str | None = None  # what spoke the dialogue: a speech model, espeak-ng, or the video model
    title: str | None = None

    @property
    def generator(self) -> str:
        return f"Cielo {self.version}"


@dataclass
class C2paReport:
    valid: bool  # a manifest is present, its signature holds and the file is unchanged
    manifest: dict[str, Any] | None  # the active manifest, as c2pa reads it
    errors: list[str] = field(default_factory=list)
    trusted: bool = False  # the signing certificate chains to a trust anchor given to the verifier
    state: str | None = None  # c2pa's validation_state: "Invalid", "Valid" or "Trusted"

    @property
    def video_id(self) -> str | None:
        for assertion in (self.manifest or {}).get("assertions", []):
            if assertion.get("label") == VIDEO_ASSERTION:
                return assertion.get("data", {}).get("video_id")
        return None


# ------------------------------------------------------------------------------------------ credentials
def _write_private(path: Path, data: bytes, mode: int) -> None:
    """Write to a temporary name in the same folder with `mode`, then rename into place."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def _locked(keys_dir: Path) -> Iterator[None]:
    """Serialise first-use key creation across processes (workers start together)."""
    with open(keys_dir / ".lock", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _name(common_name: str, organization: str) -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
    ])


def _key_usage(*, sign: bool, ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(digital_signature=sign, content_commitment=False, key_encipherment=False,
                         data_encipherment=False, key_agreement=False, key_cert_sign=ca, crl_sign=ca,
                         encipher_only=False, decipher_only=False)


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def _new_ca(organization: str, now: dt.datetime) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = _name(f"{organization} Local Content Credentials CA", organization)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1)).not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(sign=False, ca=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return cert, key


def _new_signer(
    ca: x509.Certificate, ca_key: ec.EllipticCurvePrivateKey, organization: str, now: dt.datetime
) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder().subject_name(_name(f"{organization} Video Signer", organization))
        .issuer_name(ca.subject).public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1)).not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(sign=True, ca=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    return cert, key


def ensure_local_credentials(keys_dir: str | Path, organization: str = "Cielo") -> SigningCredentials:
    """The instance's CA and signer from `keys_dir`, created (or the signer renewed) when needed."""
    keys = Path(keys_dir)
    keys.mkdir(parents=True, exist_ok=True, mode=0o700)
    with _locked(keys):
        now = dt.datetime.now(dt.UTC)
        if all((keys / f).exists() for f in _CA_FILES):
            ca = x509.load_pem_x509_certificate((keys / "ca.pem").read_bytes())
            ca_key = serialization.load_pem_private_key((keys / "ca.key").read_bytes(), password=None)
            if not isinstance(ca_key, ec.EllipticCurvePrivateKey):
                raise C2paSigningError(f"{keys / 'ca.key'} is not an EC private key")
        else:
            ca, ca_key = _new_ca(organization, now)
            _write_private(keys / "ca.key", _key_pem(ca_key), 0o600)
            _write_private(keys / "ca.pem", _pem(ca), 0o644)
            for stale in _SIGNER_FILES:  # a signer from another CA would not chain
                (keys / stale).unlink(missing_ok=True)

        signer_ok = all((keys / f).exists() for f in _SIGNER_FILES)
        if signer_ok:
            signer = x509.load_pem_x509_certificate((keys / "signer.pem").read_bytes())
            signer_ok = signer.not_valid_after_utc - _RENEW_BEFORE > now and signer.issuer == ca.subject
        if not signer_ok:
            signer, signer_key = _new_signer(ca, ca_key, organization, now)
            _write_private(keys / "signer.key", _key_pem(signer_key), 0o600)
            _write_private(keys / "signer.pem", _pem(signer), 0o644)

        ca_pem = (keys / "ca.pem").read_bytes()
        return SigningCredentials(
            cert_chain_pem=(keys / "signer.pem").read_bytes() + ca_pem,
            private_key_pem=(keys / "signer.key").read_bytes(),
            trust_anchors_pem=ca_pem,
        )


def load_credentials(
    cert_chain_path: str | Path, key_path: str | Path, trust_anchors_path: str | Path | None = None, alg: str = "es256"
) -> SigningCredentials:
    """An operator's own certificate chain (PEM, signer first) and private key."""
    return SigningCredentials(
        cert_chain_pem=Path(cert_chain_path).read_bytes(),
        private_key_pem=Path(key_path).read_bytes(),
        trust_anchors_pem=Path(trust_anchors_path).read_bytes() if trust_anchors_path else b"",
        alg=alg,
    )


# ------------------------------------------------------------------------------------------ sign / verify
def manifest_definition(info: ManifestInfo) -> dict[str, Any]:
    """The manifest a signed video carries (c2pa's JSON manifest definition)."""
    return {
        "claim_generator_info": [{"name": "Cielo", "version": info.version}],
        "title": info.title or f"{info.video_id}.mp4",
        "format": "video/mp4",
        "assertions": [
            {
                "label": "c2pa.actions",
                "data": {"actions": [{
                    "action": "c2pa.created",
                    "digitalSourceType": TRAINED_ALGORITHMIC_MEDIA,
                    "softwareAgent": {"name": info.generator},
                    "parameters": {"model": info.model, "voice_model": info.voice_model or info.model},
                }]},
            },
            {"label": VIDEO_ASSERTION, "data": {"video_id": info.video_id, "model": info.model,
                                                "voice_model": info.voice_model or info.model,
                                                "generator": info.generator}},
        ],
    }


def sign_mp4(src: str | Path, dst: str | Path, manifest_info: ManifestInfo, credentials: SigningCredentials) -> None:
    """Write `dst`: `src` with a signed C2PA manifest embedded. `dst` appears complete or not at all."""
    import c2pa

    dst = Path(dst)
    fd, tmp = tempfile.mkstemp(dir=dst.parent, prefix=f".{dst.name}.", suffix=".mp4")
    os.close(fd)
    try:
        info = c2pa.C2paSignerInfo(credentials.alg, credentials.cert_chain_pem, credentials.private_key_pem, None)
        with (
            c2pa.Signer.from_info(info) as signer,
            c2pa.Builder(manifest_definition(manifest_info)) as builder,
            open(src, "rb") as source,
            open(tmp, "w+b") as target,
        ):
            builder.sign(signer, "video/mp4", source, target)
        os.replace(tmp, dst)
    except c2pa.C2paError as exc:
        raise C2paSigningError(f"C2PA signing failed for {src}: {exc}") from exc
    finally:
        Path(tmp).unlink(missing_ok=True)


def verify(path: str | Path, trust_anchors_pem: bytes = b"") -> C2paReport:
    """Read and validate the C2PA manifest of a file. Without trust anchors a correct signature is
    `valid` but not `trusted`."""
    import c2pa

    try:
        context = c2pa.Context.from_dict({"trust": {"trust_anchors": trust_anchors_pem.decode()}}) if trust_anchors_pem \
            else None
        reader = c2pa.Reader(str(path), context=context) if context else c2pa.Reader(str(path))
        with reader:
            store = json.loads(reader.json())
    except c2pa.C2paError.ManifestNotFound:
        return C2paReport(False, None, ["no C2PA manifest found"])
    except c2pa.C2paError as exc:
        return C2paReport(False, None, [f"unreadable C2PA data: {exc}"])

    manifest = store.get("manifests", {}).get(store.get("active_manifest", ""))
    state = store.get("validation_state")
    failures = (store.get("validation_results") or {}).get("activeManifest", {}).get("failure", [])
    errors = [f"{f.get('code')}: {f.get('explanation', '')}" for f in failures if f.get("code") != _UNTRUSTED]
    if manifest is None:
        errors.append("no active manifest")
    valid = manifest is not None and state in ("Valid", "Trusted") and not errors
    return C2paReport(valid=valid, manifest=manifest, errors=errors, trusted=state == "Trusted", state=state)


class ContentCredentials:
    """One instance's signer and verifier: local credentials in `keys_dir`, or the operator's own."""

    def __init__(
        self,
        keys_dir: str | Path | None = None,
        *,
        cert_chain_path: str | Path | None = None,
        key_path: str | Path | None = None,
        trust_anchors_path: str | Path | None = None,
    ):
        if (cert_chain_path is None) != (key_path is None):
            raise ValueError("give both cert_chain_path and key_path, or neither")
        if cert_chain_path is None and keys_dir is None:
            raise ValueError("give keys_dir (local CA) or cert_chain_path and key_path")
        self._keys_dir = Path(keys_dir) if keys_dir is not None else None
        self._paths = (cert_chain_path, key_path, trust_anchors_path)
        self._credentials: SigningCredentials | None = None

    @property
    def credentials(self) -> SigningCredentials:
        """Loaded (and for a local CA created) at first use, not at construction."""
        if self._credentials is None:
            cert, key, anchors = self._paths
            if cert is not None and key is not None:
                self._credentials = load_credentials(cert, key, anchors)
            else:
                assert self._keys_dir is not None
                self._credentials = ensure_local_credentials(self._keys_dir)
        return self._credentials

    def sign_mp4(self, src: str | Path, dst: str | Path, manifest_info: ManifestInfo) -> None:
        sign_mp4(src, dst, manifest_info, self.credentials)

    def verify(self, path: str | Path) -> C2paReport:
        return verify(path, self.credentials.trust_anchors_pem)
