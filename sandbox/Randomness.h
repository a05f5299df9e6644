#pragma once

// Random identifiers and codes, all from RAND_bytes (oidc::crypto::randomBytes), never rand().

#include <cstddef>
#include <string>

namespace sandbox {

// Random identifiers from RAND_bytes (oidc::crypto::randomBytes). They throw std::runtime_error
// when the CSPRNG fails; SandboxServer's dispatcher turns that into a 500.
[[nodiscard]] std::string randomAlphanumeric(size_t length);
[[nodiscard]] std::string randomDigits(size_t length);
[[nodiscard]] std::string randomUrlToken(size_t bytes = 32);
// A uniformly distributed integer in [low, high].
[[nodiscard]] int randomInt(int low, int high);

} // namespace sandbox
