#pragma once

#include <string>
#include <string_view>

namespace oidc::crypto {

enum class DigestAlgorithm { Sha256, Sha384, Sha512 };

[[nodiscard]] std::string digest(DigestAlgorithm algorithm, std::string_view data);
[[nodiscard]] inline std::string sha256(std::string_view data) { return digest(DigestAlgorithm::Sha256, data); }

} // namespace oidc::crypto
