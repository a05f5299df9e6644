#include "JsonWebKey.h"

#include "Base64Url.h"
#include "Digest.h"

#include <openssl/core_names.h>
#include <openssl/decoder.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <deque>
#include <mutex>
#include <unordered_map>

namespace oidc::crypto {

namespace {

Error keyError(std::string code, std::string message, std::string expected = {}, std::string actual = {})
{
    return makeError(ErrorCategory::Keys, std::move(code), std::move(message), std::move(expected), std::move(actual));
}

struct CurveInfo {
    std::string_view jwkName;     // "P-256"
    std::string_view opensslName; // "prime256v1"
    size_t coordinateBytes;
};

constexpr CurveInfo kCurves[] = {
    {"P-256", "prime256v1", 32},
    {"P-384", "secp384r1", 48},
    {"P-521", "secp521r1", 66},
};

const CurveInfo *curveByJwkName(std::string_view name)
{
    for (const auto &curve : kCurves)
        if (curve.jwkName == name)
            return &curve;
    return nullptr;
}

const CurveInfo *curveByOpensslName(std::string_view name)
{
    for (const auto &curve : kCurves)
        if (curve.opensslName == name)
            return &curve;
    return nullptr;
}

// A base64url member of the JWK, decoded; required unless `optional`.
Result<std::string> member(const Json &jwk, const char *name, bool optional = false)
{
    const auto it = jwk.find(name);
    if (it == jwk.end()) {
        if (optional)
            return std::string();
        return keyError("JWK_MEMBER", std::string("the key lacks \"") + name + "\"");
    }
    if (!it->is_string())
        return keyError("JWK_MEMBER", std::string("\"") + name + "\" must be a string");
    auto decoded = base64UrlDecode(it->get_ref<const std::string &>());
    if (!decoded)
        return keyError("JWK_MEMBER", std::string("\"") + name + "\" is not base64url: " + decoded.error().message);
    return decoded;
}

std::string stringMember(const Json &jwk, const char *name)
{
    const auto it = jwk.find(name);
    return it != jwk.end() && it->is_string() ? it->get<std::string>() : std::string();
}

class ParamBuilder final {
public:
    ParamBuilder() : m_builder(OSSL_PARAM_BLD_new()) {}

    void bignum(const char *key, std::string_view bytes)
    {
        BIGNUM *bn = BN_bin2bn(reinterpret_cast<const unsigned char *>(bytes.data()), static_cast<int>(bytes.size()), nullptr);
        m_bignums.emplace_back(bn);
        m_ok = m_ok && bn && OSSL_PARAM_BLD_push_BN(m_builder.get(), key, bn) == 1;
    }
    // OSSL_PARAM_BLD keeps pointers until build(): the builder owns copies of the values.
    void utf8(const char *key, std::string value)
    {
        const std::string &kept = m_strings.emplace_back(std::move(value));
        m_ok = m_ok && OSSL_PARAM_BLD_push_utf8_string(m_builder.get(), key, kept.c_str(), 0) == 1;
    }
    void octets(const char *key, std::string value)
    {
        const std::string &kept = m_strings.emplace_back(std::move(value));
        m_ok = m_ok && OSSL_PARAM_BLD_push_octet_string(m_builder.get(), key, kept.data(), kept.size()) == 1;
    }
    ParamPtr build()
    {
        if (!m_ok || !m_builder)
            return nullptr;
        return ParamPtr(OSSL_PARAM_BLD_to_param(m_builder.get()));
    }

private:
    ParamBuildPtr m_builder;
    std::vector<BignumPtr> m_bignums; // must outlive build()
    std::deque<std::string> m_strings; // stable addresses, must outlive build()
    bool m_ok = true;
};

Result<EvpPkeyPtr> fromData(const char *type, ParamBuilder &builder, bool isPrivate)
{
    OpenSslErrorGuard guard;
    ParamPtr params = builder.build();
    EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
    EVP_PKEY *raw = nullptr;
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1
        || EVP_PKEY_fromdata(ctx.get(), &raw, isPrivate ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params.get()) != 1)
        return keyError("JWK_INVALID", std::string("OpenSSL refused the ") + type + " key: " + guard.text());
    EvpPkeyPtr key(raw);
    EvpPkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
    if (!check || EVP_PKEY_public_check(check.get()) != 1)
        return keyError("JWK_INVALID", std::string("the ") + type + " public key is not valid: " + guard.text());
    return key;
}

// RSA public keys that passed the checks, by modulus and exponent as the JWK writes them.
// EVP_PKEY_public_check of an RSA key runs SP 800-56B's checks, a composite test of the modulus among
// them: ~3 ms for a 2048-bit key, for every key of every JWKS a flow fetches (the same keys each time;
// bench/gui: a tenth of all the CPU used during flows, on a worker beside the GUI thread). A key
// passes the same way every time, so a key that passed is kept (shared: OpenSSL's keys are safe to
// use from several threads at once) and parsed from the cache next time. Refusals are not kept.
class CheckedRsaKeys final {
public:
    static constexpr size_t kCapacity = 64;

    [[nodiscard]] SharedPkey find(const std::string &id) const
    {
        const std::lock_guard lock(m_mutex);
        const auto found = m_keys.find(id);
        return found == m_keys.end() ? SharedPkey() : found->second;
    }

    void keep(std::string id, SharedPkey key)
    {
        const std::lock_guard lock(m_mutex);
        if (m_keys.size() >= kCapacity)
            m_keys.clear();
        m_keys.emplace(std::move(id), std::move(key));
    }

private:
    mutable std::mutex m_mutex;
    std::unordered_map<std::string, SharedPkey> m_keys;
};

CheckedRsaKeys &checkedRsaKeys()
{
    static CheckedRsaKeys keys;
    return keys;
}

Result<JsonWebKey> parseRsa(const Json &jwk, JsonWebKey key)
{
    auto n = member(jwk, "n");
    if (!n)
        return n.error();
    auto e = member(jwk, "e");
    if (!e)
        return e.error();
    auto d = member(jwk, "d", true);
    if (!d)
        return d.error();
    const std::string publicId = d->empty() ? std::to_string(n->size()) + ':' + *n + *e : std::string();
    if (!publicId.empty()) {
        if (SharedPkey checked = checkedRsaKeys().find(publicId)) {
            key.bits = EVP_PKEY_get_bits(checked.get());
            key.key = std::move(checked);
            return key;
        }
    }
    ParamBuilder builder;
    builder.bignum(OSSL_PKEY_PARAM_RSA_N, *n);
    builder.bignum(OSSL_PKEY_PARAM_RSA_E, *e);
    key.hasPrivate = !d->empty();
    if (key.hasPrivate) {
        builder.bignum(OSSL_PKEY_PARAM_RSA_D, *d);
        // CRT members are optional in a private JWK (RFC 7518 §6.3.2); use them when complete.
        const char *crt[][2] = {{"p", OSSL_PKEY_PARAM_RSA_FACTOR1}, {"q", OSSL_PKEY_PARAM_RSA_FACTOR2},
                                {"dp", OSSL_PKEY_PARAM_RSA_EXPONENT1}, {"dq", OSSL_PKEY_PARAM_RSA_EXPONENT2},
                                {"qi", OSSL_PKEY_PARAM_RSA_COEFFICIENT1}};
        bool complete = true;
        std::vector<std::string> values;
        for (const auto &pair : crt) {
            auto value = member(jwk, pair[0], true);
            if (!value || value->empty()) {
                complete = false;
                break;
            }
            values.push_back(*value);
        }
        if (complete)
            for (size_t i = 0; i < values.size(); ++i)
                builder.bignum(crt[i][1], values[i]);
    }
    auto pkey = fromData("RSA", builder, key.hasPrivate);
    if (!pkey)
        return pkey.error();
    key.bits = EVP_PKEY_get_bits(pkey->get());
    // RFC 7518 §3.3: a key of 2048 bits or larger MUST be used with these algorithms.
    if (key.bits < 2048)
        return keyError("JWK_RSA_TOO_SMALL", "RSA keys must have at least 2048 bits", "≥ 2048", std::to_string(key.bits));
    key.key = sharePkey(std::move(pkey).value());
    if (!publicId.empty())
        checkedRsaKeys().keep(publicId, key.key);
    return key;
}

Result<JsonWebKey> parseEc(const Json &jwk, JsonWebKey key)
{
    const CurveInfo *curve = curveByJwkName(key.crv);
    if (!curve)
        return keyError("JWK_CURVE_UNSUPPORTED", "unsupported EC curve", "P-256, P-384 or P-521", key.crv);
    auto x = member(jwk, "x");
    if (!x)
        return x.error();
    auto y = member(jwk, "y");
    if (!y)
        return y.error();
    // RFC 7518 §6.2.1.2: the coordinates are the full field size, no more and no less.
    if (x->size() != curve->coordinateBytes || y->size() != curve->coordinateBytes)
        return keyError("JWK_MEMBER", "EC coordinates have the wrong length for " + key.crv,
                        std::to_string(curve->coordinateBytes) + " bytes", std::to_string(x->size()) + "/" + std::to_string(y->size()) + " bytes");
    auto d = member(jwk, "d", true);
    if (!d)
        return d.error();
    ParamBuilder builder;
    builder.utf8(OSSL_PKEY_PARAM_GROUP_NAME, std::string(curve->opensslName));
    builder.octets(OSSL_PKEY_PARAM_PUB_KEY, std::string(1, '\x04') + *x + *y);
    key.hasPrivate = !d->empty();
    if (key.hasPrivate)
        builder.bignum(OSSL_PKEY_PARAM_PRIV_KEY, *d);
    auto pkey = fromData("EC", builder, key.hasPrivate);
    if (!pkey)
        return pkey.error();
    if (key.hasPrivate) {
        // As for Ed25519 below: d determines the public point; refuse a JWK whose x/y do not
        // match it (its signatures would never verify against the published half).
        OpenSslErrorGuard guard;
        EvpPkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey->get(), nullptr));
        if (!check || EVP_PKEY_pairwise_check(check.get()) != 1)
            return keyError("JWK_INVALID", "the EC \"x\"/\"y\" do not match \"d\"");
    }
    key.bits = EVP_PKEY_get_bits(pkey->get());
    key.key = sharePkey(std::move(pkey).value());
    return key;
}

Result<JsonWebKey> parseOkp(const Json &jwk, JsonWebKey key)
{
    if (key.crv != "Ed25519")
        return keyError("JWK_CURVE_UNSUPPORTED", "unsupported OKP curve", "Ed25519", key.crv);
    auto x = member(jwk, "x");
    if (!x)
        return x.error();
    auto d = member(jwk, "d", true);
    if (!d)
        return d.error();
    if (x->size() != 32 || (!d->empty() && d->size() != 32))
        return keyError("JWK_MEMBER", "Ed25519 keys are 32 bytes", "32 bytes", std::to_string(x->size()) + " bytes");
    OpenSslErrorGuard guard;
    key.hasPrivate = !d->empty();
    EVP_PKEY *raw = key.hasPrivate
        ? EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char *>(d->data()), d->size())
        : EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char *>(x->data()), x->size());
    if (!raw)
        return keyError("JWK_INVALID", "OpenSSL refused the Ed25519 key: " + guard.text());
    EvpPkeyPtr pkey(raw);
    if (key.hasPrivate) {
        // The private key determines the public one: refuse a JWK whose x does not match d.
        unsigned char derived[32];
        size_t length = sizeof derived;
        if (EVP_PKEY_get_raw_public_key(pkey.get(), derived, &length) != 1 || length != 32
            || std::string_view(reinterpret_cast<const char *>(derived), 32) != *x)
            return keyError("JWK_INVALID", "the Ed25519 \"x\" does not match \"d\"");
    }
    key.bits = 256;
    key.key = sharePkey(std::move(pkey));
    return key;
}

std::string bignumParam(EVP_PKEY *key, const char *name, size_t padTo = 0)
{
    BIGNUM *raw = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &raw) != 1)
        return {};
    BignumPtr bn(raw);
    const size_t size = std::max(padTo, static_cast<size_t>(BN_num_bytes(bn.get())));
    std::string out(size, '\0');
    BN_bn2binpad(bn.get(), reinterpret_cast<unsigned char *>(out.data()), static_cast<int>(size));
    return out;
}

std::string groupName(EVP_PKEY *key)
{
    char name[64] = {};
    size_t length = 0;
    if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, name, sizeof name, &length) != 1)
        return {};
    return std::string(name, length);
}

// Fills kty/crv/bits from an EVP_PKEY that came from PEM or key generation.
Result<JsonWebKey> describePkey(EvpPkeyPtr pkey, std::string source)
{
    JsonWebKey key;
    key.source = std::move(source);
    const int id = EVP_PKEY_get_base_id(pkey.get());
    if (id == EVP_PKEY_RSA || id == EVP_PKEY_RSA_PSS) {
        key.kty = "RSA";
    } else if (id == EVP_PKEY_EC) {
        key.kty = "EC";
        const CurveInfo *curve = curveByOpensslName(groupName(pkey.get()));
        if (!curve)
            return keyError("JWK_CURVE_UNSUPPORTED", "unsupported EC curve", "P-256, P-384 or P-521", groupName(pkey.get()));
        key.crv = std::string(curve->jwkName);
    } else if (id == EVP_PKEY_ED25519) {
        key.kty = "OKP";
        key.crv = "Ed25519";
    } else {
        return keyError("JWK_KTY_UNKNOWN", "unsupported key type",
                        "RSA, EC or Ed25519", EVP_PKEY_get0_type_name(pkey.get()) ? EVP_PKEY_get0_type_name(pkey.get()) : "?");
    }
    key.bits = EVP_PKEY_get_bits(pkey.get());
    if (key.kty == "RSA" && key.bits < 2048)
        return keyError("JWK_RSA_TOO_SMALL", "RSA keys must have at least 2048 bits", "≥ 2048", std::to_string(key.bits));
    key.key = sharePkey(std::move(pkey));
    return key;
}

} // namespace

bool JsonWebKey::usableFor(JwsAlgorithm algorithm) const
{
    if (!key || use == "enc")
        return false;
    if (!keyOps.empty() && std::find(keyOps.begin(), keyOps.end(), "verify") == keyOps.end())
        return false;
    if (!alg.empty() && alg != jwsAlgorithmName(algorithm))
        return false; // one algorithm per key (RFC 8725 §3.1)
    switch (algorithmFamily(algorithm)) {
    case AlgorithmFamily::RsaPkcs1:
    case AlgorithmFamily::RsaPss: return kty == "RSA";
    case AlgorithmFamily::Ecdsa:
        return kty == "EC"
            && ((algorithm == JwsAlgorithm::ES256 && crv == "P-256") || (algorithm == JwsAlgorithm::ES384 && crv == "P-384")
                || (algorithm == JwsAlgorithm::ES512 && crv == "P-521"));
    case AlgorithmFamily::EdDsa: return kty == "OKP" && crv == "Ed25519";
    case AlgorithmFamily::Hmac:
    case AlgorithmFamily::None: return false;
    }
    return false;
}

std::string JsonWebKey::describe() const
{
    // Built in one buffer: every verified signature's check names its key.
    const std::string size = crv.empty() ? std::to_string(bits) : std::string();
    std::string text;
    text.reserve(kty.size() + 1 + std::max(size.size(), crv.size()) + kid.size() + alg.size() + use.size() + 18);
    text.append(kty).append(" ").append(crv.empty() ? size : crv);
    if (!kid.empty())
        text.append(", kid ").append(kid);
    if (!alg.empty())
        text.append(", alg ").append(alg);
    if (!use.empty())
        text.append(", use ").append(use);
    return text;
}

Result<JsonWebKey> parseJwk(const Json &jwk)
{
    if (!jwk.is_object())
        return keyError("JWK_NOT_OBJECT", "a JWK must be a JSON object", "object", jwk.type_name());
    JsonWebKey key;
    key.kty = stringMember(jwk, "kty");
    key.kid = stringMember(jwk, "kid");
    key.alg = stringMember(jwk, "alg");
    key.use = stringMember(jwk, "use");
    key.crv = stringMember(jwk, "crv");
    if (const auto ops = jwk.find("key_ops"); ops != jwk.end() && ops->is_array())
        for (const auto &op : *ops)
            if (op.is_string())
                key.keyOps.push_back(op.get<std::string>());
    if (key.use == "enc")
        return keyError("JWK_USE_ENC", "the key is for encryption (\"use\": \"enc\"), not signatures", "sig", "enc");
    if (!key.alg.empty() && !parseJwsAlgorithm(key.alg))
        return keyError("JWK_ALG_UNKNOWN", "the key names an algorithm we do not verify", "a JWS algorithm", key.alg);
    if (key.kty == "RSA")
        return parseRsa(jwk, std::move(key));
    if (key.kty == "EC")
        return parseEc(jwk, std::move(key));
    if (key.kty == "OKP")
        return parseOkp(jwk, std::move(key));
    return keyError("JWK_KTY_UNKNOWN", "unsupported key type", "RSA, EC or OKP", key.kty.empty() ? "(none)" : key.kty);
}

Result<JsonWebKeySet> parseJwks(std::string_view json)
{
    auto document = parseJsonObject(json, {ErrorCategory::Keys, "JWKS"});
    if (!document)
        return document.error();
    const auto keys = document->find("keys");
    if (keys == document->end() || !keys->is_array())
        return keyError("JWKS_SHAPE", "a JWKS is an object with a \"keys\" array", "{\"keys\": [...]}", "no \"keys\" array");
    JsonWebKeySet set;
    size_t index = 0;
    for (const auto &entry : *keys) {
        ++index;
        auto key = parseJwk(entry);
        const std::string label = "key #" + std::to_string(index)
            + (entry.is_object() && entry.contains("kid") && entry["kid"].is_string() ? " (kid " + entry["kid"].get<std::string>() + ")" : "");
        if (!key) {
            set.skipped.push_back(label + " skipped: " + key.error().message
                                  + (key.error().actual.empty() ? "" : " [" + key.error().actual + "]"));
            continue;
        }
        key->source = "JWKS " + label;
        set.keys.push_back(std::move(key).value());
    }
    if (set.keys.empty()) {
        std::string why = "the JWKS has no usable signing key";
        if (!set.skipped.empty())
            why += " (" + set.skipped.front() + (set.skipped.size() > 1 ? ", …" : "") + ")";
        return keyError("JWKS_NO_USABLE_KEY", why);
    }
    return set;
}

Result<JsonWebKey> parsePem(std::string_view pem)
{
    OpenSslErrorGuard guard;
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    if (!bio)
        return keyError("PEM_INVALID", "cannot read PEM");
    if (pem.find("-----BEGIN CERTIFICATE-----") != std::string_view::npos) {
        std::unique_ptr<X509, OpenSslDeleter<&X509_free>> cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
        if (!cert)
            return keyError("PEM_INVALID", "the certificate cannot be read: " + guard.text());
        EvpPkeyPtr pkey(X509_get_pubkey(cert.get()));
        if (!pkey)
            return keyError("PEM_INVALID", "the certificate holds no usable public key");
        return describePkey(std::move(pkey), "PEM certificate");
    }
    if (pem.find("PRIVATE KEY-----") != std::string_view::npos)
        return keyError("PEM_PRIVATE", "that is a private key: paste the public key or certificate instead");
    EVP_PKEY *raw = nullptr;
    std::unique_ptr<OSSL_DECODER_CTX, OpenSslDeleter<&OSSL_DECODER_CTX_free>> decoder(
        OSSL_DECODER_CTX_new_for_pkey(&raw, "PEM", nullptr, nullptr, EVP_PKEY_PUBLIC_KEY, nullptr, nullptr));
    if (!decoder || OSSL_DECODER_from_bio(decoder.get(), bio.get()) != 1 || !raw)
        return keyError("PEM_INVALID", "the PEM text is not a public key we can read");
    return describePkey(EvpPkeyPtr(raw), "PEM public key");
}

Result<JsonWebKeySet> parseKeyMaterial(std::string_view text)
{
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos)
        return keyError("KEYS_EMPTY", "no key material given");
    if (text.substr(first).starts_with("-----BEGIN")) {
        auto key = parsePem(text.substr(first));
        if (!key)
            return key.error();
        JsonWebKeySet set;
        set.keys.push_back(std::move(key).value());
        return set;
    }
    auto document = parseJsonObject(text, {ErrorCategory::Keys, "key material"});
    if (!document)
        return document.error();
    if (document->contains("keys"))
        return parseJwks(text);
    auto key = parseJwk(*document);
    if (!key)
        return key.error();
    key->source = "JWK";
    JsonWebKeySet set;
    set.keys.push_back(std::move(key).value());
    return set;
}

Json publicJwk(const JsonWebKey &key)
{
    Json jwk = Json::object();
    jwk["kty"] = key.kty;
    EVP_PKEY *pkey = key.key.get();
    if (key.kty == "RSA") {
        jwk["n"] = base64UrlEncode(bignumParam(pkey, OSSL_PKEY_PARAM_RSA_N));
        jwk["e"] = base64UrlEncode(bignumParam(pkey, OSSL_PKEY_PARAM_RSA_E));
    } else if (key.kty == "EC") {
        const CurveInfo *curve = curveByJwkName(key.crv);
        const size_t size = curve ? curve->coordinateBytes : 0;
        jwk["crv"] = key.crv;
        jwk["x"] = base64UrlEncode(bignumParam(pkey, OSSL_PKEY_PARAM_EC_PUB_X, size));
        jwk["y"] = base64UrlEncode(bignumParam(pkey, OSSL_PKEY_PARAM_EC_PUB_Y, size));
    } else if (key.kty == "OKP") {
        unsigned char raw[32];
        size_t length = sizeof raw;
        EVP_PKEY_get_raw_public_key(pkey, raw, &length);
        jwk["crv"] = key.crv;
        jwk["x"] = base64UrlEncode(std::string_view(reinterpret_cast<const char *>(raw), length));
    }
    if (!key.kid.empty())
        jwk["kid"] = key.kid;
    if (!key.alg.empty())
        jwk["alg"] = key.alg;
    if (!key.use.empty())
        jwk["use"] = key.use;
    return jwk;
}

Result<Json> privateJwk(const JsonWebKey &key)
{
    if (!key.hasPrivate)
        return keyError("JWK_NOT_PRIVATE", "the key has no private part");
    Json jwk = publicJwk(key);
    EVP_PKEY *pkey = key.key.get();
    if (key.kty == "RSA") {
        const std::pair<const char *, const char *> members[] = {
            {"d", OSSL_PKEY_PARAM_RSA_D}, {"p", OSSL_PKEY_PARAM_RSA_FACTOR1}, {"q", OSSL_PKEY_PARAM_RSA_FACTOR2},
            {"dp", OSSL_PKEY_PARAM_RSA_EXPONENT1}, {"dq", OSSL_PKEY_PARAM_RSA_EXPONENT2}, {"qi", OSSL_PKEY_PARAM_RSA_COEFFICIENT1}};
        for (const auto &[name, param] : members)
            jwk[name] = base64UrlEncode(bignumParam(pkey, param));
    } else if (key.kty == "EC") {
        const CurveInfo *curve = curveByJwkName(key.crv);
        jwk["d"] = base64UrlEncode(bignumParam(pkey, OSSL_PKEY_PARAM_PRIV_KEY, curve ? curve->coordinateBytes : 0));
    } else if (key.kty == "OKP") {
        unsigned char raw[32];
        size_t length = sizeof raw;
        EVP_PKEY_get_raw_private_key(pkey, raw, &length);
        jwk["d"] = base64UrlEncode(std::string_view(reinterpret_cast<const char *>(raw), length));
    }
    return jwk;
}

std::string jwkThumbprint(const JsonWebKey &key)
{
    // RFC 7638 §3.2: required members only, lexicographic order, no whitespace.
    const Json full = publicJwk(key);
    Json required = Json::object();
    const char *names[] = {"crv", "e", "kty", "n", "x", "y"};
    for (const char *name : names)
        if (full.contains(name))
            required[name] = full[name];
    return base64UrlEncode(sha256(required.dump()));
}

Result<JsonWebKey> generateKey(KeyKind kind, std::string kid, std::string alg)
{
    OpenSslErrorGuard guard;
    EVP_PKEY *raw = nullptr;
    switch (kind) {
    case KeyKind::Rsa2048: raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{2048}); break;
    case KeyKind::Rsa3072: raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{3072}); break;
    case KeyKind::Rsa4096: raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{4096}); break;
    case KeyKind::EcP256: raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"); break;
    case KeyKind::EcP384: raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384"); break;
    case KeyKind::EcP521: raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-521"); break;
    case KeyKind::Ed25519: raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"); break;
    }
    if (!raw)
        return makeError(ErrorCategory::Crypto, "KEYGEN_FAILED", "key generation failed: " + guard.text());
    auto key = describePkey(EvpPkeyPtr(raw), "generated");
    if (!key)
        return key;
    key->kid = std::move(kid);
    key->alg = std::move(alg);
    key->use = "sig";
    key->hasPrivate = true;
    return key;
}

} // namespace oidc::crypto
