#pragma once

// The social login providers the sandbox stands in for (core-js's OAuthProviders: google, github,
// apple, microsoft, facebook, gitlab, discord, linkedin, slack), with the colours its stand-in
// page wears so that a person sees at a glance which provider the flow went to.

#include <span>
#include <string_view>

namespace sandbox {

struct SocialProvider final {
    std::string_view id;          // "google": the "provider" query parameter
    std::string_view displayName; // "Google"
    std::string_view background;  // the provider's brand colour (CSS)
    std::string_view foreground;  // text on it
};

[[nodiscard]] std::span<const SocialProvider> socialProviders();
// nullptr for a name that is not one of socialProviders() (exact, lowercase).
[[nodiscard]] const SocialProvider *socialProvider(std::string_view id);

} // namespace sandbox
