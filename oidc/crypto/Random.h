#pragma once

// All randomness comes from OpenSSL's CSPRNG (RAND_bytes), never from rand().

#include "oidc/Result.h"

#include <string>

namespace oidc::crypto {

[[nodiscard]] Result<std::string> randomBytes(size_t count);

// base64url of `bytes` random bytes: 32 bytes → 43 characters, 256 bits of entropy.
[[nodiscard]] Result<std::string> randomToken(size_t bytes = 32);

} // namespace oidc::crypto
