#!/usr/bin/python3
"""
Test certificates for the TLS interop tests, made fresh at test time (no key is committed).

    gen_certs.py DIR     write into DIR (PEM; keys unencrypted PKCS#8, EC P-256):
        ca.crt                    "Spindle Test CA", the trust root of the tests
        server.crt server.key     signed by ca, names localhost and 127.0.0.1
        client.crt client.key     signed by ca, CN spindle-client (mutual TLS)
        wronghost.crt wronghost.key   signed by ca, names only wrong.example
        rogue-ca.crt              another CA, trusted by no test
        rogue.crt rogue.key       signed by rogue-ca, names localhost and 127.0.0.1
        server.pem client.pem wronghost.pem rogue.pem   certificate and key in one file (Twisted)

Run with /usr/bin/python3 (Debian's python3-cryptography comes with python3-openssl).
"""

import datetime
import ipaddress
import os
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


def key():
    return ec.generate_private_key(ec.SECP256R1())


def name(cn):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def builder(subject, issuer, public_key):
    now = datetime.datetime.now(datetime.timezone.utc)
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
    )


def ca(cn):
    k = key()
    cert = (
        builder(name(cn), name(cn), k.public_key())
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(k.public_key()), critical=False)
        .sign(k, hashes.SHA256())
    )
    return cert, k


def leaf(cn, issuer, issuer_key, names, usage):
    k = key()
    b = (
        builder(name(cn), issuer.subject, k.public_key())
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
            critical=False,
        )
    )
    if names:
        b = b.add_extension(x509.SubjectAlternativeName(names), critical=False)
    return b.sign(issuer_key, hashes.SHA256()), k


def write(directory, stem, cert, k=None):
    pem = cert.public_bytes(serialization.Encoding.PEM)
    with open(os.path.join(directory, stem + ".crt"), "wb") as f:
        f.write(pem)
    if k is None:
        return
    key_pem = k.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    with open(os.path.join(directory, stem + ".key"), "wb") as f:
        f.write(key_pem)
    with open(os.path.join(directory, stem + ".pem"), "wb") as f:
        f.write(key_pem + pem)


def main(directory):
    os.makedirs(directory, exist_ok=True)
    local = [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
    ca_cert, ca_key = ca("Spindle Test CA")
    write(directory, "ca", ca_cert)
    server = ExtendedKeyUsageOID.SERVER_AUTH
    client = ExtendedKeyUsageOID.CLIENT_AUTH
    write(directory, "server", *leaf("spindle-server", ca_cert, ca_key, local, server))
    write(directory, "client", *leaf("spindle-client", ca_cert, ca_key, None, client))
    write(
        directory,
        "wronghost",
        *leaf("wrong.example", ca_cert, ca_key, [x509.DNSName("wrong.example")], server),
    )
    rogue_cert, rogue_key = ca("Rogue Test CA")
    write(directory, "rogue-ca", rogue_cert)
    write(directory, "rogue", *leaf("spindle-server", rogue_cert, rogue_key, local, server))
    print("OK", directory, flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
