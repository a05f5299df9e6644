#pragma once

// What each registered, OIDC and Descope claim (and JOSE header parameter) means, for tooltips
// in the inspector and for `oidcplay-cli decode`.

#include <string_view>

namespace oidc::jwt {

enum class ClaimKind { Time, Text, Other };

struct ClaimInfo final {
    std::string_view name;
    std::string_view title;       // a few words
    std::string_view explanation; // one or two sentences
    std::string_view source;      // "RFC 7519 §4.1.4", "OIDC Core §2", "Descope"
    ClaimKind kind = ClaimKind::Other;
};

// nullptr when the claim is not known.
[[nodiscard]] const ClaimInfo *claimInfo(std::string_view name);
[[nodiscard]] const ClaimInfo *headerInfo(std::string_view name);

} // namespace oidc::jwt
