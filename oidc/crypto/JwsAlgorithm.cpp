#include "JwsAlgorithm.h"

#include "OpenSsl.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ecdsa.h>
#include <openssl/hmac.h>
#include <openssl/rsa.h>

#include <array>
#include <climits>
#include <cstdint>

namespace oidc::crypto {

namespace {

struct AlgorithmInfo {
    JwsAlgorithm algorithm;
    std::string_view name;
    AlgorithmFamily family;
    std::optional<DigestAlgorithm> digest;
};

constexpr std::array<AlgorithmInfo, 14> kAlgorithms{{
    {JwsAlgorithm::HS256, "HS256", AlgorithmFamily::Hmac, DigestAlgorithm::Sha256},
    {JwsAlgorithm::HS384, "HS384", AlgorithmFamily::Hmac, DigestAlgorithm::Sha384},
    {JwsAlgorithm::HS512, "HS512", AlgorithmFamily::Hmac, DigestAlgorithm::Sha512},
    {JwsAlgorithm::RS256, "RS256", AlgorithmFamily::RsaPkcs1, DigestAlgorithm::Sha256},
    {JwsAlgorithm::RS384, "RS384", AlgorithmFamily::RsaPkcs1, DigestAlgorithm::Sha384},
    {JwsAlgorithm::RS512, "RS512", AlgorithmFamily::RsaPkcs1, DigestAlgorithm::Sha512},
    {JwsAlgorithm::PS256, "PS256", AlgorithmFamily::RsaPss, DigestAlgorithm::Sha256},
    {JwsAlgorithm::PS384, "PS384", AlgorithmFamily::RsaPss, DigestAlgorithm::Sha384},
    {JwsAlgorithm::PS512, "PS512", AlgorithmFamily::RsaPss, DigestAlgorithm::Sha512},
    {JwsAlgorithm::ES256, "ES256", AlgorithmFamily::Ecdsa, DigestAlgorithm::Sha256},
    {JwsAlgorithm::ES384, "ES384", AlgorithmFamily::Ecdsa, DigestAlgorithm::Sha384},
    {JwsAlgorithm::ES512, "ES512", AlgorithmFamily::Ecdsa, DigestAlgorithm::Sha512},
    {JwsAlgorithm::EdDSA, "EdDSA", AlgorithmFamily::EdDsa, DigestAlgorithm::Sha512},
    {JwsAlgorithm::None, "none", AlgorithmFamily::None, std::nullopt},
}};

const AlgorithmInfo &info(JwsAlgorithm algorithm)
{
    return kAlgorithms[static_cast<size_t>(algorithm)];
}

const EVP_MD *evpDigest(DigestAlgorithm digest)
{
    switch (digest) {
    case DigestAlgorithm::Sha256: return crypto::sha256();
    case DigestAlgorithm::Sha384: return crypto::sha384();
    case DigestAlgorithm::Sha512: return crypto::sha512();
    }
    return nullptr;
}

// Bytes of one ECDSA coordinate for the algorithm's curve (RFC 7518 §3.4).
size_t ecdsaCoordinateSize(JwsAlgorithm algorithm)
{
    switch (algorithm) {
    case JwsAlgorithm::ES256: return 32;
    case JwsAlgorithm::ES384: return 48;
    case JwsAlgorithm::ES512: return 66;
    default: return 0;
    }
}

std::string_view expectedCurve(JwsAlgorithm algorithm)
{
    switch (algorithm) {
    case JwsAlgorithm::ES256: return "prime256v1";
    case JwsAlgorithm::ES384: return "secp384r1";
    case JwsAlgorithm::ES512: return "secp521r1";
    default: return {};
    }
}

Status checkKeyFits(JwsAlgorithm algorithm, EVP_PKEY *key)
{
    const int id = EVP_PKEY_get_base_id(key);
    const auto family = info(algorithm).family;
    const auto mismatch = [&](std::string expected) {
        return makeError(ErrorCategory::Keys, "KEY_ALG_MISMATCH",
                         std::string("the key cannot be used with ") + std::string(info(algorithm).name),
                         std::move(expected), EVP_PKEY_get0_type_name(key) ? EVP_PKEY_get0_type_name(key) : "?");
    };
    switch (family) {
    case AlgorithmFamily::RsaPkcs1:
    case AlgorithmFamily::RsaPss:
        if (id != EVP_PKEY_RSA && id != EVP_PKEY_RSA_PSS)
            return mismatch("RSA");
        break;
    case AlgorithmFamily::Ecdsa: {
        if (id != EVP_PKEY_EC)
            return mismatch("EC");
        char curve[64] = {};
        size_t length = 0;
        if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, curve, sizeof curve, &length) != 1
            || expectedCurve(algorithm) != std::string_view(curve, length))
            return mismatch("EC " + std::string(expectedCurve(algorithm)));
        break;
    }
    case AlgorithmFamily::EdDsa:
        if (id != EVP_PKEY_ED25519 && id != EVP_PKEY_ED448)
            return mismatch("OKP Ed25519");
        break;
    case AlgorithmFamily::Hmac:
    case AlgorithmFamily::None:
        return mismatch("a shared secret");
    }
    return {};
}

// JOSE R||S → DER ECDSA-Sig-Value for OpenSSL.
Result<std::string> rawToDer(std::string_view raw, size_t coordinate)
{
    if (raw.size() != 2 * coordinate)
        return makeError(ErrorCategory::IdToken, "SIGNATURE_LENGTH", "ECDSA signature has the wrong length",
                         std::to_string(2 * coordinate) + " bytes", std::to_string(raw.size()) + " bytes");
    EcdsaSigPtr sig(ECDSA_SIG_new());
    BIGNUM *r = BN_bin2bn(reinterpret_cast<const unsigned char *>(raw.data()), static_cast<int>(coordinate), nullptr);
    BIGNUM *s = BN_bin2bn(reinterpret_cast<const unsigned char *>(raw.data() + coordinate), static_cast<int>(coordinate), nullptr);
    if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
        BN_free(r);
        BN_free(s);
        return makeError(ErrorCategory::Crypto, "OPENSSL", "cannot build an ECDSA signature");
    }
    unsigned char *der = nullptr;
    const int length = i2d_ECDSA_SIG(sig.get(), &der);
    if (length <= 0)
        return makeError(ErrorCategory::Crypto, "OPENSSL", "cannot encode an ECDSA signature");
    std::string out(reinterpret_cast<const char *>(der), static_cast<size_t>(length));
    OPENSSL_free(der);
    return out;
}

// DER → JOSE R||S, each coordinate left-padded to the curve size.
Result<std::string> derToRaw(std::string_view der, size_t coordinate)
{
    const auto *p = reinterpret_cast<const unsigned char *>(der.data());
    EcdsaSigPtr sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())));
    if (!sig)
        return makeError(ErrorCategory::Crypto, "OPENSSL", "cannot decode an ECDSA signature");
    const BIGNUM *r = nullptr;
    const BIGNUM *s = nullptr;
    ECDSA_SIG_get0(sig.get(), &r, &s);
    std::string out(2 * coordinate, '\0');
    if (BN_bn2binpad(r, reinterpret_cast<unsigned char *>(out.data()), static_cast<int>(coordinate)) < 0
        || BN_bn2binpad(s, reinterpret_cast<unsigned char *>(out.data() + coordinate), static_cast<int>(coordinate)) < 0)
        return makeError(ErrorCategory::Crypto, "OPENSSL", "ECDSA coordinate too large");
    return out;
}

Status configurePss(EVP_PKEY_CTX *pctx, const EVP_MD *md)
{
    // RFC 7518 §3.5: MGF1 with the same hash, salt length equal to the hash output.
    if (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1
        || EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) != 1
        || EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, md) != 1)
        return makeError(ErrorCategory::Crypto, "OPENSSL", "cannot configure RSA-PSS");
    return {};
}

enum class DigestOperation { Verify, Sign };

// A digest-sign or digest-verify context for `algorithm` with `key`: the digest by name (none for
// EdDSA), and for PS* the padding of RFC 7518 §3.5. The key's fitness is the caller's to check.
Result<EvpMdCtxPtr> startDigestContext(DigestOperation operation, JwsAlgorithm algorithm, EVP_PKEY *key,
                                       const OpenSslErrorGuard &guard)
{
    const auto family = info(algorithm).family;
    const EVP_MD *md = family == AlgorithmFamily::EdDsa ? nullptr : evpDigest(*info(algorithm).digest);
    const char *digestName = md ? EVP_MD_get0_name(md) : nullptr;
    EvpMdCtxPtr context(EVP_MD_CTX_new());
    EVP_PKEY_CTX *pctx = nullptr;
    const bool started = context
        && (operation == DigestOperation::Verify
                ? EVP_DigestVerifyInit_ex(context.get(), &pctx, digestName, nullptr, nullptr, key, nullptr)
                : EVP_DigestSignInit_ex(context.get(), &pctx, digestName, nullptr, nullptr, key, nullptr))
            == 1;
    if (!started)
        return makeError(ErrorCategory::Crypto, "OPENSSL",
                         std::string(operation == DigestOperation::Verify ? "cannot start verification: " : "cannot start signing: ")
                             + guard.text());
    if (family == AlgorithmFamily::RsaPss) {
        if (auto configured = configurePss(pctx, md); !configured)
            return configured.error();
    }
    return context;
}

// Verification contexts set up once per key and algorithm, per thread. EVP_DigestVerifyInit_ex
// fetches the signature and digest implementations and builds the provider's context each time:
// about a fifth of an RS256 verification (bench_jwt_verify). Each verification copies a prototype
// (EVP_MD_CTX_copy_ex), so a prototype is never finalised. An entry holds a reference to its key,
// so no other key can take that address while it is cached; the key's fitness for the algorithm
// (checkKeyFits) is decided when the entry is made.
class VerifyContextCache final {
public:
    VerifyContextCache() = default;
    VerifyContextCache(const VerifyContextCache &) = delete;
    VerifyContextCache &operator=(const VerifyContextCache &) = delete;
    ~VerifyContextCache() { clear(); }

    void clear()
    {
        for (auto &entry : m_entries)
            entry.clear();
    }

    Result<const EVP_MD_CTX *> prototype(JwsAlgorithm algorithm, EVP_PKEY *key, const OpenSslErrorGuard &guard)
    {
        ++m_clock;
        Entry *oldest = &m_entries.front();
        for (auto &entry : m_entries) {
            if (entry.key == key && entry.algorithm == algorithm && entry.context) {
                entry.lastUse = m_clock;
                return entry.context.get();
            }
            if (entry.lastUse < oldest->lastUse)
                oldest = &entry;
        }
        if (auto fits = checkKeyFits(algorithm, key); !fits)
            return fits.error();
        auto context = startDigestContext(DigestOperation::Verify, algorithm, key, guard);
        if (!context)
            return context.error();
        if (EVP_PKEY_up_ref(key) != 1)
            return makeError(ErrorCategory::Crypto, "OPENSSL", "cannot hold the key: " + guard.text());
        oldest->clear();
        oldest->key = key;
        oldest->algorithm = algorithm;
        oldest->context = std::move(*context);
        oldest->lastUse = m_clock;
        return oldest->context.get();
    }

private:
    struct Entry {
        EVP_PKEY *key = nullptr; // one reference held while cached
        JwsAlgorithm algorithm = JwsAlgorithm::None;
        EvpMdCtxPtr context;
        uint64_t lastUse = 0;

        void clear()
        {
            context.reset();
            EVP_PKEY_free(key);
            key = nullptr;
            lastUse = 0;
        }
    };

    // A token is checked against one key, rarely more; a JWKS has a handful. Eight covers a key
    // rotation across a few providers at once.
    std::array<Entry, 8> m_entries;
    uint64_t m_clock = 0;
};

VerifyContextCache &verifyContexts()
{
    thread_local VerifyContextCache cache;
    return cache;
}

Result<std::string> hmac(JwsAlgorithm algorithm, std::string_view secret, std::string_view input, HmacKeyRule keyRule)
{
    if (info(algorithm).family != AlgorithmFamily::Hmac)
        return makeError(ErrorCategory::Keys, "KEY_ALG_MISMATCH", "not an HMAC algorithm");
    // Checked before the MAC is computed, so a short key is refused whatever the token says.
    if (const size_t minimum = hmacMinimumKeyBytes(algorithm); keyRule == HmacKeyRule::HashLengthOrLonger && secret.size() < minimum)
        return makeError(ErrorCategory::Keys, "KEY_HMAC_TOO_SHORT",
                         "the HMAC key is shorter than the " + std::string(info(algorithm).name)
                             + " hash output; RFC 7518 §3.2 requires a key at least as long",
                         "at least " + std::to_string(minimum) + " bytes", std::to_string(secret.size()) + " bytes");
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    OpenSslErrorGuard guard;
    if (!HMAC(evpDigest(*info(algorithm).digest), secret.data(), static_cast<int>(secret.size()),
              reinterpret_cast<const unsigned char *>(input.data()), input.size(), out, &length))
        return makeError(ErrorCategory::Crypto, "OPENSSL", "HMAC failed: " + guard.text());
    return std::string(reinterpret_cast<const char *>(out), length);
}

} // namespace

std::optional<JwsAlgorithm> parseJwsAlgorithm(std::string_view name)
{
    for (const auto &entry : kAlgorithms)
        if (entry.name == name)
            return entry.algorithm;
    return std::nullopt;
}

std::string_view jwsAlgorithmName(JwsAlgorithm algorithm)
{
    return info(algorithm).name;
}

AlgorithmFamily algorithmFamily(JwsAlgorithm algorithm)
{
    return info(algorithm).family;
}

std::optional<DigestAlgorithm> algorithmDigest(JwsAlgorithm algorithm)
{
    return info(algorithm).digest;
}

const std::vector<JwsAlgorithm> &supportedAlgorithms()
{
    static const std::vector<JwsAlgorithm> all = [] {
        std::vector<JwsAlgorithm> list;
        for (const auto &entry : kAlgorithms)
            if (entry.algorithm != JwsAlgorithm::None)
                list.push_back(entry.algorithm);
        return list;
    }();
    return all;
}

Status verifySignature(JwsAlgorithm algorithm, EVP_PKEY *publicKey, std::string_view signingInput,
                       std::string_view signature)
{
    OpenSslErrorGuard guard;
    auto prototype = verifyContexts().prototype(algorithm, publicKey, guard);
    if (!prototype)
        return prototype.error();
    std::string der;
    std::string_view toVerify = signature;
    if (info(algorithm).family == AlgorithmFamily::Ecdsa) {
        auto converted = rawToDer(signature, ecdsaCoordinateSize(algorithm));
        if (!converted)
            return converted.error();
        der = std::move(converted).value();
        toVerify = der;
    }
    // A copy: the prototype stays unused by the one-shot verification, which finalises its context.
    EvpMdCtxPtr ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_MD_CTX_copy_ex(ctx.get(), *prototype) != 1)
        return makeError(ErrorCategory::Crypto, "OPENSSL", "cannot start verification: " + guard.text());
    const int verdict = EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(toVerify.data()), toVerify.size(),
                                         reinterpret_cast<const unsigned char *>(signingInput.data()), signingInput.size());
    if (verdict != 1)
        return makeError(ErrorCategory::IdToken, "SIGNATURE_INVALID",
                         std::string("signature invalid (") + std::string(info(algorithm).name) + ")");
    return {};
}

void releaseVerifyContextsOfThisThread()
{
    verifyContexts().clear();
}

size_t hmacMinimumKeyBytes(JwsAlgorithm algorithm)
{
    if (info(algorithm).family != AlgorithmFamily::Hmac)
        return 0;
    return static_cast<size_t>(EVP_MD_get_size(evpDigest(*info(algorithm).digest)));
}

Status verifyHmac(JwsAlgorithm algorithm, std::string_view secret, std::string_view signingInput,
                  std::string_view signature, HmacKeyRule keyRule)
{
    auto mac = hmac(algorithm, secret, signingInput, keyRule);
    if (!mac)
        return mac.error();
    if (mac->size() != signature.size() || CRYPTO_memcmp(mac->data(), signature.data(), signature.size()) != 0)
        return makeError(ErrorCategory::IdToken, "SIGNATURE_INVALID",
                         std::string("signature invalid (") + std::string(info(algorithm).name) + ")");
    return {};
}

Result<std::string> signWithKey(JwsAlgorithm algorithm, EVP_PKEY *privateKey, std::string_view signingInput)
{
    if (auto fits = checkKeyFits(algorithm, privateKey); !fits)
        return fits.error();
    OpenSslErrorGuard guard;
    auto started = startDigestContext(DigestOperation::Sign, algorithm, privateKey, guard);
    if (!started)
        return started.error();
    const EvpMdCtxPtr ctx = std::move(*started);
    size_t length = 0;
    const auto *input = reinterpret_cast<const unsigned char *>(signingInput.data());
    if (EVP_DigestSign(ctx.get(), nullptr, &length, input, signingInput.size()) != 1)
        return makeError(ErrorCategory::Crypto, "OPENSSL", "signing failed: " + guard.text());
    std::string out(length, '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(out.data()), &length, input, signingInput.size()) != 1)
        return makeError(ErrorCategory::Crypto, "OPENSSL", "signing failed: " + guard.text());
    out.resize(length);
    if (info(algorithm).family == AlgorithmFamily::Ecdsa)
        return derToRaw(out, ecdsaCoordinateSize(algorithm));
    return out;
}

Result<std::string> signHmac(JwsAlgorithm algorithm, std::string_view secret, std::string_view signingInput, HmacKeyRule keyRule)
{
    return hmac(algorithm, secret, signingInput, keyRule);
}

} // namespace oidc::crypto
