#pragma once

// JWS compact serialization (RFC 7515 §7.1) decoding, without any signature check.

#include "oidc/Json.h"
#include "oidc/Result.h"

#include <array>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace oidc::jwt {

struct JwtDecodeOptions final {
    size_t maxSize = 64 * 1024; // checked before splitting or decoding (rp-checks J15)
};

// The registered claims the claim checks read (RFC 7519 §4.1, OIDC Core §2 and §3.1.3.6), in one
// buffer: decodeJwt fills it while it parses the payload, without a JSON tree. A string claim of
// another type reads as absent, as does a time claim that is not a number (decodeJwt refuses
// both: JWT_CLAIM_TYPE), and aud's entries that are not strings are not audiences.
class RegisteredClaims final {
public:
    enum class Text { Iss, Sub, Nonce, Azp, AtHash, CHash };
    static constexpr size_t kTexts = 6;

    std::optional<int64_t> exp;      // NumericDate, saturated as numericDate() does
    std::optional<int64_t> iat;
    std::optional<int64_t> nbf;
    std::optional<int64_t> authTime; // auth_time

    [[nodiscard]] std::optional<std::string_view> text(Text which) const;
    [[nodiscard]] std::optional<std::string_view> iss() const { return text(Text::Iss); }
    [[nodiscard]] std::optional<std::string_view> sub() const { return text(Text::Sub); }
    [[nodiscard]] std::optional<std::string_view> azp() const { return text(Text::Azp); }
    [[nodiscard]] std::optional<std::string_view> nonce() const { return text(Text::Nonce); }
    [[nodiscard]] std::optional<std::string_view> atHash() const { return text(Text::AtHash); }
    [[nodiscard]] std::optional<std::string_view> cHash() const { return text(Text::CHash); }

    // aud's strings: the string, or the array's string entries in order.
    [[nodiscard]] size_t audienceCount() const { return m_audienceCount; }
    template <typename F>
    void forEachAudience(F &&function) const
    {
        std::string_view records = std::string_view(m_buffer).substr(m_audiences.at, m_audiences.size);
        while (!records.empty()) {
            uint32_t length = 0;
            std::memcpy(&length, records.data(), sizeof length);
            function(records.substr(sizeof length, length));
            records.remove_prefix(sizeof length + length);
        }
    }

    // The texts and the audiences, copied once into the buffer (one allocation at most).
    void assign(const std::array<std::optional<std::string_view>, kTexts> &texts, std::span<const std::string_view> audiences);

    // The same record read from a claims tree (tokens decoded otherwise, and the tests).
    [[nodiscard]] static RegisteredClaims of(const Json &claims);

    // Same claims, same values (the buffers' layouts may differ).
    [[nodiscard]] bool operator==(const RegisteredClaims &other) const;

private:
    struct Span final {
        uint32_t at = 0;
        uint32_t size = 0;
        bool present = false;
    };
    std::string m_buffer; // the texts, then the audiences as (uint32 length, bytes) records
    std::array<Span, kTexts> m_texts{};
    Span m_audiences;
    size_t m_audienceCount = 0;
};

// A JSON tree parsed from text on first read. Reads are thread-safe: a DecodedJwt is decoded on
// a worker and read on the GUI thread, and may be read on both at once. The first readers may
// each parse; one tree is published with an atomic compare-exchange and every reader returns it.
// Copies share the tree, which is never changed after it is published (no lock, no once_flag,
// which could be neither copied nor moved; and no allocation until someone reads the tree).
class LazyJsonTree final {
public:
    LazyJsonTree() = default;
    LazyJsonTree(const LazyJsonTree &other) noexcept : m_tree(other.m_tree.load()) {}
    LazyJsonTree(LazyJsonTree &&other) noexcept : m_tree(other.m_tree.load()) {}
    LazyJsonTree &operator=(const LazyJsonTree &other) noexcept
    {
        m_tree.store(other.m_tree.load());
        return *this;
    }
    LazyJsonTree &operator=(LazyJsonTree &&other) noexcept
    {
        m_tree.store(other.m_tree.load());
        return *this;
    }
    ~LazyJsonTree() = default;

    // The tree of `text`, parsed on the first call (the text must not change after that); null
    // when it is not JSON.
    [[nodiscard]] const Json &get(std::string_view text, std::string_view what) const;

private:
    mutable std::atomic<std::shared_ptr<const Json>> m_tree;
};

// Everything decodeJwt learnt. The text members are what was signed and the fields the checks
// read; the JSON trees are parsed from headerJson / claimsJson only when header() or claims() is
// first called (most validations never need them).
class DecodedJwt final {
public:
    std::string headerJson;     // decoded header text, exactly as signed
    std::string claimsJson;     // decoded payload text, exactly as signed
    std::string signingInput;   // ASCII(BASE64URL(header) '.' BASE64URL(payload)), RFC 7515 §5.2 #8
    std::string signature;      // raw signature bytes (empty for alg "none")
    std::string alg;            // header "alg"
    std::string kid;            // header "kid" (may be empty)
    std::string typ;            // header "typ" (may be empty)
    uint8_t keyParameters = 0;  // bit i: the header carries kKeyHeaderParameters[i]
    RegisteredClaims registered; // the claims the checks read

    // JOSE header, a JSON object (null for a default-constructed DecodedJwt).
    [[nodiscard]] const Json &header() const { return m_header.get(headerJson, "header"); }
    // Payload, a JSON object: the JWT claims set (null for a default-constructed DecodedJwt).
    [[nodiscard]] const Json &claims() const { return m_claims.get(claimsJson, "payload"); }

    // From `registered` for exp/iat/nbf/auth_time and iss/sub/azp/nonce/at_hash/c_hash, else from claims().
    [[nodiscard]] std::optional<int64_t> numericClaim(std::string_view name) const;
    [[nodiscard]] std::optional<std::string> stringClaim(std::string_view name) const;

private:
    LazyJsonTree m_header;
    LazyJsonTree m_claims;
};

// Header parameters that name a key (RFC 7515 §4.1.2–4.1.6): never used, keys come only from the
// configured key set (SignatureVerifier.h), but their presence is noted.
inline constexpr std::array<std::string_view, 4> kKeyHeaderParameters = {"jwk", "jku", "x5u", "x5c"};

// A NumericDate value (RFC 7519 §2) as whole seconds; out-of-range values saturate. nullopt when
// the value is not a number.
[[nodiscard]] std::optional<int64_t> numericDate(const Json &value);

// Errors (category IDT):
//   JWT_EMPTY, JWT_TOO_LARGE, JWT_JWE_UNSUPPORTED (5 parts), JWT_PART_COUNT,
//   JWT_BASE64URL (actual = "header"/"payload"/"signature"), JWT_HEADER_JSON, JWT_HEADER_NOT_OBJECT,
//   JWT_PAYLOAD_JSON, JWT_PAYLOAD_NOT_OBJECT, JWT_DUPLICATE_NAME, JWT_ALG_MISSING,
//   JWT_CLAIM_TYPE (exp/iat/nbf not a number, or iss/sub/aud/nonce of the wrong type), JWT_CRIT_UNKNOWN.
[[nodiscard]] Result<DecodedJwt> decodeJwt(std::string_view token, const JwtDecodeOptions &options = {});

// A token as a person pastes it: surrounding whitespace and a "Bearer " prefix removed.
[[nodiscard]] std::string_view trimToken(std::string_view text);

} // namespace oidc::jwt
