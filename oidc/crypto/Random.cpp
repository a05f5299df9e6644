#include "Random.h"

#include "Base64Url.h"
#include "OpenSsl.h"

#include <climits>

#include <openssl/rand.h>

namespace oidc::crypto {

Result<std::string> randomBytes(size_t count)
{
    if (count > INT_MAX)
        return makeError(ErrorCategory::Crypto, "RANDOM_TOO_LARGE", "too many random bytes requested");
    std::string out(count, '\0');
    OpenSslErrorGuard guard;
    if (RAND_bytes(reinterpret_cast<unsigned char *>(out.data()), static_cast<int>(count)) != 1)
        return makeError(ErrorCategory::Crypto, "RANDOM_FAILED", "the CSPRNG failed: " + guard.text());
    return out;
}

Result<std::string> randomToken(size_t bytes)
{
    auto raw = randomBytes(bytes);
    if (!raw)
        return raw.error();
    return base64UrlEncode(raw.value());
}

} // namespace oidc::crypto
