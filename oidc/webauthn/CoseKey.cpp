#include "CoseKey.h"

#include "CoseLabels.h"

#include "oidc/Json.h"
#include "oidc/crypto/Base64Url.h"
#include "oidc/crypto/JsonWebKey.h"
#include "oidc/crypto/JwsAlgorithm.h"

#include <openssl/core_names.h>
#include <openssl/ecdsa.h>

#include <array>
#include <climits>

namespace oidc::webauthn {

namespace {

using namespace cose;

constexpr size_t kMaxRsaModulusBytes = 1024; // 8192 bits
constexpr size_t kMaxCoseKeyBytes = 2048;

oidc::Error keyError(std::string message, std::string expected = {}, std::string actual = {})
{
    return oidc::makeError(oidc::ErrorCategory::Input, "WEBAUTHN_COSE_KEY", std::move(message), std::move(expected),
                           std::move(actual));
}

oidc::Error signatureError(std::string message)
{
    return oidc::makeError(oidc::ErrorCategory::Input, "WEBAUTHN_SIGNATURE", std::move(message));
}

// A byte-string member of the key, or an error naming it.
oidc::Result<std::string_view> bytesMember(const cbor_item_t *map, int64_t label, const char *name)
{
    auto item = cborMapGet(map, label, "WEBAUTHN_COSE_KEY");
    if (!item)
        return item.error();
    const auto bytes = cborBytes(*item);
    if (!bytes)
        return keyError(std::string("the COSE key's ") + name + " (label " + std::to_string(label)
                        + ") is missing or not a byte string");
    return *bytes;
}

oidc::Result<int64_t> intMember(const cbor_item_t *map, int64_t label, const char *name)
{
    auto item = cborMapGet(map, label, "WEBAUTHN_COSE_KEY");
    if (!item)
        return item.error();
    const auto value = cborInt(*item);
    if (!value)
        return keyError(std::string("the COSE key's ") + name + " (label " + std::to_string(label)
                        + ") is missing or not an integer");
    return *value;
}

oidc::Status absent(const cbor_item_t *map, int64_t label)
{
    auto item = cborMapGet(map, label, "WEBAUTHN_COSE_KEY");
    if (!item)
        return item.error();
    if (*item)
        return keyError("the COSE key carries a private member (label " + std::to_string(label) + ")");
    return {};
}

oidc::Result<std::string> bignumBytes(EVP_PKEY *key, const char *name, int padTo = 0)
{
    BIGNUM *raw = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &raw) != 1 || !raw)
        return keyError(std::string("cannot read the key's ") + name);
    oidc::crypto::BignumPtr bn(raw);
    const int length = padTo > 0 ? padTo : BN_num_bytes(bn.get());
    std::string out(static_cast<size_t>(length), '\0');
    if (BN_bn2binpad(bn.get(), reinterpret_cast<unsigned char *>(out.data()), length) != length)
        return keyError(std::string("the key's ") + name + " does not fit " + std::to_string(length) + " bytes");
    return out;
}

bool isP256(EVP_PKEY *key)
{
    if (EVP_PKEY_get_base_id(key) != EVP_PKEY_EC)
        return false;
    std::array<char, 64> curve{};
    size_t length = 0;
    return EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, curve.data(), curve.size(), &length) == 1
        && std::string_view(curve.data(), length) == "prime256v1";
}

oidc::crypto::JwsAlgorithm joseAlgorithm(CoseAlgorithm algorithm)
{
    switch (algorithm) {
    case CoseAlgorithm::ES256: return oidc::crypto::JwsAlgorithm::ES256;
    case CoseAlgorithm::EdDSA: return oidc::crypto::JwsAlgorithm::EdDSA;
    case CoseAlgorithm::RS256: return oidc::crypto::JwsAlgorithm::RS256;
    }
    return oidc::crypto::JwsAlgorithm::None;
}

// i2d_ECDSA_SIG twice: once for the length, once into our own buffer (no OPENSSL_free needed).
oidc::Result<std::string> encodeSig(const ECDSA_SIG *sig)
{
    const int length = i2d_ECDSA_SIG(sig, nullptr);
    if (length <= 0)
        return oidc::makeError(oidc::ErrorCategory::Crypto, "OPENSSL", "cannot encode an ECDSA signature");
    std::string out(static_cast<size_t>(length), '\0');
    auto *cursor = reinterpret_cast<unsigned char *>(out.data());
    if (i2d_ECDSA_SIG(sig, &cursor) != length)
        return oidc::makeError(oidc::ErrorCategory::Crypto, "OPENSSL", "cannot encode an ECDSA signature");
    return out;
}

} // namespace

std::optional<CoseAlgorithm> coseAlgorithmFromInt(int64_t value)
{
    switch (value) {
    case -7: return CoseAlgorithm::ES256;
    case -8: return CoseAlgorithm::EdDSA;
    case -257: return CoseAlgorithm::RS256;
    default: return std::nullopt;
    }
}

std::string_view coseAlgorithmName(CoseAlgorithm algorithm)
{
    switch (algorithm) {
    case CoseAlgorithm::ES256: return "ES256";
    case CoseAlgorithm::EdDSA: return "EdDSA";
    case CoseAlgorithm::RS256: return "RS256";
    }
    return "?";
}

oidc::Result<CoseKey> parseCoseKey(const cbor_item_t *map, std::string encoded)
{
    if (!map || !cbor_isa_map(map))
        return keyError("the credential public key is not a CBOR map");
    auto kty = intMember(map, kLabelKty, "kty");
    if (!kty)
        return kty.error();
    auto algValue = intMember(map, kLabelAlg, "alg");
    if (!algValue)
        return algValue.error();
    const auto algorithm = coseAlgorithmFromInt(*algValue);
    if (!algorithm)
        return keyError("unsupported COSE algorithm", "-7 (ES256), -8 (EdDSA) or -257 (RS256)", std::to_string(*algValue));

    using oidc::crypto::base64UrlEncode;
    oidc::Json jwk;
    switch (*algorithm) {
    case CoseAlgorithm::ES256: {
        if (*kty != kKtyEc2)
            return keyError("ES256 needs an EC2 key", "kty 2", "kty " + std::to_string(*kty));
        auto crv = intMember(map, kLabelCrvOrN, "crv");
        if (!crv)
            return crv.error();
        if (*crv != kCrvP256)
            return keyError("ES256 needs the P-256 curve", "crv 1", "crv " + std::to_string(*crv));
        auto x = bytesMember(map, kLabelXOrE, "x");
        if (!x)
            return x.error();
        auto y = bytesMember(map, kLabelYOrD, "y"); // a compressed point (y as a bool) fails here
        if (!y)
            return y.error();
        if (x->size() != 32 || y->size() != 32)
            return keyError("P-256 coordinates are 32 bytes each", "32/32",
                            std::to_string(x->size()) + "/" + std::to_string(y->size()));
        if (auto noD = absent(map, kLabelEcD); !noD)
            return noD.error();
        jwk = {{"kty", "EC"}, {"crv", "P-256"}, {"x", base64UrlEncode(*x)}, {"y", base64UrlEncode(*y)}};
        break;
    }
    case CoseAlgorithm::EdDSA: {
        if (*kty != kKtyOkp)
            return keyError("EdDSA needs an OKP key", "kty 1", "kty " + std::to_string(*kty));
        auto crv = intMember(map, kLabelCrvOrN, "crv");
        if (!crv)
            return crv.error();
        if (*crv != kCrvEd25519)
            return keyError("only Ed25519 is supported for EdDSA", "crv 6", "crv " + std::to_string(*crv));
        auto x = bytesMember(map, kLabelXOrE, "x");
        if (!x)
            return x.error();
        if (x->size() != 32)
            return keyError("Ed25519 public keys are 32 bytes", "32", std::to_string(x->size()));
        if (auto noD = absent(map, kLabelEcD); !noD)
            return noD.error();
        jwk = {{"kty", "OKP"}, {"crv", "Ed25519"}, {"x", base64UrlEncode(*x)}};
        break;
    }
    case CoseAlgorithm::RS256: {
        if (*kty != kKtyRsa)
            return keyError("RS256 needs an RSA key", "kty 3", "kty " + std::to_string(*kty));
        auto n = bytesMember(map, kLabelCrvOrN, "n");
        if (!n)
            return n.error();
        auto e = bytesMember(map, kLabelXOrE, "e");
        if (!e)
            return e.error();
        if (n->empty() || n->size() > kMaxRsaModulusBytes || e->empty() || e->size() > 8)
            return keyError("the RSA modulus or exponent has an unusable length");
        if (auto noD = absent(map, kLabelYOrD); !noD)
            return noD.error();
        jwk = {{"kty", "RSA"}, {"n", base64UrlEncode(*n)}, {"e", base64UrlEncode(*e)}};
        break;
    }
    }
    auto parsed = oidc::crypto::parseJwk(jwk);
    if (!parsed)
        return keyError("the credential public key is not usable: " + parsed.error().message, parsed.error().expected,
                        parsed.error().actual);
    jwk["alg"] = std::string(coseAlgorithmName(*algorithm));
    return CoseKey{*algorithm, std::move(encoded), parsed->key, std::move(jwk)};
}

oidc::Result<CoseKey> decodeCoseKey(std::string_view bytes)
{
    CborLimits limits;
    limits.maxBytes = kMaxCoseKeyBytes;
    limits.maxDepth = 2;
    limits.maxItems = 64;
    auto document = CborDocument::decode(bytes, false, limits, "WEBAUTHN_COSE_KEY");
    if (!document)
        return document.error();
    return parseCoseKey(document->root(), std::string(bytes));
}

oidc::Result<std::string> encodeCoseKey(EVP_PKEY *key, CoseAlgorithm algorithm)
{
    if (!key)
        return keyError("no key");
    oidc::crypto::OpenSslErrorGuard guard;
    std::vector<std::pair<CborItemPtr, CborItemPtr>> entries;
    const auto add = [&entries](int64_t label, CborItemPtr value) { entries.emplace_back(cborMakeInt(label), std::move(value)); };
    // CTAP2 canonical order: 1, 3, -1, -2, -3 (encoded 0x01, 0x03, 0x20, 0x21, 0x22).
    switch (algorithm) {
    case CoseAlgorithm::ES256: {
        if (!isP256(key))
            return keyError("ES256 needs a P-256 key");
        auto x = bignumBytes(key, OSSL_PKEY_PARAM_EC_PUB_X, 32);
        if (!x)
            return x.error();
        auto y = bignumBytes(key, OSSL_PKEY_PARAM_EC_PUB_Y, 32);
        if (!y)
            return y.error();
        add(kLabelKty, cborMakeInt(kKtyEc2));
        add(kLabelAlg, cborMakeInt(static_cast<int64_t>(algorithm)));
        add(kLabelCrvOrN, cborMakeInt(kCrvP256));
        add(kLabelXOrE, cborMakeBytes(*x));
        add(kLabelYOrD, cborMakeBytes(*y));
        break;
    }
    case CoseAlgorithm::EdDSA: {
        if (EVP_PKEY_get_base_id(key) != EVP_PKEY_ED25519)
            return keyError("EdDSA needs an Ed25519 key");
        std::array<unsigned char, 32> raw{};
        size_t length = raw.size();
        if (EVP_PKEY_get_raw_public_key(key, raw.data(), &length) != 1 || length != raw.size())
            return keyError("cannot read the Ed25519 public key: " + guard.text());
        add(kLabelKty, cborMakeInt(kKtyOkp));
        add(kLabelAlg, cborMakeInt(static_cast<int64_t>(algorithm)));
        add(kLabelCrvOrN, cborMakeInt(kCrvEd25519));
        add(kLabelXOrE, cborMakeBytes(std::string_view(reinterpret_cast<const char *>(raw.data()), raw.size())));
        break;
    }
    case CoseAlgorithm::RS256: {
        if (EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA)
            return keyError("RS256 needs an RSA key");
        auto n = bignumBytes(key, OSSL_PKEY_PARAM_RSA_N);
        if (!n)
            return n.error();
        auto e = bignumBytes(key, OSSL_PKEY_PARAM_RSA_E);
        if (!e)
            return e.error();
        add(kLabelKty, cborMakeInt(kKtyRsa));
        add(kLabelAlg, cborMakeInt(static_cast<int64_t>(algorithm)));
        add(kLabelCrvOrN, cborMakeBytes(*n));
        add(kLabelXOrE, cborMakeBytes(*e));
        break;
    }
    }
    const CborItemPtr map = cborMakeMap(std::move(entries));
    return cborEncode(map.get());
}

oidc::Result<std::string> derToRawEcdsa(std::string_view der, size_t coordinateBytes)
{
    if (der.empty() || der.size() > 256 || coordinateBytes == 0 || coordinateBytes > 66)
        return signatureError("the ECDSA signature has an impossible length");
    oidc::crypto::OpenSslErrorGuard guard;
    const auto *begin = reinterpret_cast<const unsigned char *>(der.data());
    const unsigned char *cursor = begin;
    oidc::crypto::EcdsaSigPtr sig(d2i_ECDSA_SIG(nullptr, &cursor, static_cast<long>(der.size())));
    if (!sig || cursor != begin + der.size())
        return signatureError("the ECDSA signature is not a DER ECDSA-Sig-Value");
    // Only the one DER encoding of (r, s) is accepted: re-encode and compare.
    auto canonical = encodeSig(sig.get());
    if (!canonical || *canonical != der)
        return signatureError("the ECDSA signature is not in canonical DER");
    const BIGNUM *r = nullptr;
    const BIGNUM *s = nullptr;
    ECDSA_SIG_get0(sig.get(), &r, &s);
    std::string raw(2 * coordinateBytes, '\0');
    const int width = static_cast<int>(coordinateBytes);
    if (BN_bn2binpad(r, reinterpret_cast<unsigned char *>(raw.data()), width) != width
        || BN_bn2binpad(s, reinterpret_cast<unsigned char *>(raw.data() + coordinateBytes), width) != width)
        return signatureError("an ECDSA signature value is larger than the curve");
    return raw;
}

oidc::Result<std::string> rawToDerEcdsa(std::string_view raw)
{
    if (raw.empty() || raw.size() % 2 != 0 || raw.size() > 2 * 66)
        return signatureError("the raw ECDSA signature has an impossible length");
    const size_t half = raw.size() / 2;
    const auto *bytes = reinterpret_cast<const unsigned char *>(raw.data());
    oidc::crypto::BignumPtr r(BN_bin2bn(bytes, static_cast<int>(half), nullptr));
    oidc::crypto::BignumPtr s(BN_bin2bn(bytes + half, static_cast<int>(half), nullptr));
    oidc::crypto::EcdsaSigPtr sig(ECDSA_SIG_new());
    if (!r || !s || !sig || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1)
        return oidc::makeError(oidc::ErrorCategory::Crypto, "OPENSSL", "cannot build an ECDSA signature");
    // ECDSA_SIG_set0 took ownership of both numbers.
    static_cast<void>(r.release());
    static_cast<void>(s.release());
    return encodeSig(sig.get());
}

oidc::Status verifyCoseSignature(CoseAlgorithm algorithm, EVP_PKEY *publicKey, std::string_view data,
                                 std::string_view signature)
{
    if (!publicKey)
        return signatureError("no public key to verify with");
    if (signature.empty() || signature.size() > 1024)
        return signatureError("the signature is empty or longer than 1024 bytes");
    std::string converted;
    std::string_view toVerify = signature;
    if (algorithm == CoseAlgorithm::ES256) {
        auto raw = derToRawEcdsa(signature, 32);
        if (!raw)
            return raw.error();
        converted = std::move(raw).value();
        toVerify = converted;
    }
    if (auto verified = oidc::crypto::verifySignature(joseAlgorithm(algorithm), publicKey, data, toVerify); !verified) {
        if (verified.error().code == "SIGNATURE_INVALID")
            return signatureError(std::string("the ") + std::string(coseAlgorithmName(algorithm))
                                  + " signature does not verify with the credential's public key");
        return signatureError("cannot verify the signature: " + verified.error().message);
    }
    return {};
}

oidc::Result<std::string> signCose(CoseAlgorithm algorithm, EVP_PKEY *privateKey, std::string_view data)
{
    auto signature = oidc::crypto::signWithKey(joseAlgorithm(algorithm), privateKey, data);
    if (!signature || algorithm != CoseAlgorithm::ES256)
        return signature;
    return rawToDerEcdsa(*signature);
}

} // namespace oidc::webauthn
