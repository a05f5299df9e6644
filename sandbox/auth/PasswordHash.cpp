#include "PasswordHash.h"

#include "oidc/crypto/Base64Url.h"
#include "oidc/crypto/Random.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <charconv>
#include <optional>
#include <vector>

namespace sandbox::auth {

namespace {

constexpr std::string_view kPasswordHashScheme = "pbkdf2-sha256";
constexpr size_t kPasswordSaltBytes = 16;
constexpr size_t kPasswordKeyBytes = 32;
// verify() refuses counts outside this range: a stored hash cannot make it spin for minutes.
constexpr int kPasswordMaxIterations = 10000000;

std::optional<std::string> derivePasswordKey(std::string_view password, std::string_view salt, int iterations)
{
    std::string key(kPasswordKeyBytes, '\0');
    if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), reinterpret_cast<const unsigned char *>(salt.data()),
                          static_cast<int>(salt.size()), iterations, EVP_sha256(), static_cast<int>(key.size()),
                          reinterpret_cast<unsigned char *>(key.data()))
        != 1)
        return std::nullopt;
    return key;
}

std::vector<std::string_view> splitPasswordHash(std::string_view encoded)
{
    std::vector<std::string_view> parts;
    size_t start = 0;
    while (true) {
        const size_t dollar = encoded.find('$', start);
        parts.push_back(encoded.substr(start, dollar == std::string_view::npos ? std::string_view::npos : dollar - start));
        if (dollar == std::string_view::npos)
            return parts;
        start = dollar + 1;
    }
}

} // namespace

oidc::Result<std::string> PasswordHash::hash(std::string_view password, int iterations)
{
    if (iterations < 1 || iterations > kPasswordMaxIterations)
        return oidc::makeError(oidc::ErrorCategory::Crypto, "PASSWORD_HASH_FAILED", "the iteration count is out of range");
    auto salt = oidc::crypto::randomBytes(kPasswordSaltBytes);
    if (!salt)
        return salt.error();
    const auto key = derivePasswordKey(password, *salt, iterations);
    if (!key)
        return oidc::makeError(oidc::ErrorCategory::Crypto, "PASSWORD_HASH_FAILED", "PBKDF2 failed");
    return std::string(kPasswordHashScheme) + "$" + std::to_string(iterations) + "$" + oidc::crypto::base64UrlEncode(*salt) + "$"
        + oidc::crypto::base64UrlEncode(*key);
}

bool PasswordHash::verify(std::string_view password, std::string_view encoded)
{
    const auto parts = splitPasswordHash(encoded);
    if (parts.size() != 4 || parts[0] != kPasswordHashScheme)
        return false;
    int iterations = 0;
    const auto [end, error] = std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), iterations);
    if (error != std::errc() || end != parts[1].data() + parts[1].size() || iterations < 1 || iterations > kPasswordMaxIterations)
        return false;
    const auto salt = oidc::crypto::base64UrlDecode(parts[2]);
    const auto expected = oidc::crypto::base64UrlDecode(parts[3]);
    if (!salt || !expected || expected->size() != kPasswordKeyBytes)
        return false;
    const auto key = derivePasswordKey(password, *salt, iterations);
    return key && CRYPTO_memcmp(key->data(), expected->data(), kPasswordKeyBytes) == 0;
}

} // namespace sandbox::auth
