#include "SocialProvider.h"

#include <algorithm>
#include <array>

namespace sandbox {

namespace {

constexpr std::array<SocialProvider, 9> kSocialProviders = {{
    {"google", "Google", "#4285F4", "#FFFFFF"},
    {"github", "GitHub", "#24292F", "#FFFFFF"},
    {"apple", "Apple", "#000000", "#FFFFFF"},
    {"microsoft", "Microsoft", "#2F2F2F", "#FFFFFF"},
    {"facebook", "Facebook", "#1877F2", "#FFFFFF"},
    {"gitlab", "GitLab", "#FC6D26", "#FFFFFF"},
    {"discord", "Discord", "#5865F2", "#FFFFFF"},
    {"linkedin", "LinkedIn", "#0A66C2", "#FFFFFF"},
    {"slack", "Slack", "#4A154B", "#FFFFFF"},
}};

} // namespace

std::span<const SocialProvider> socialProviders()
{
    return kSocialProviders;
}

const SocialProvider *socialProvider(std::string_view id)
{
    const auto it = std::find_if(kSocialProviders.begin(), kSocialProviders.end(), [id](const SocialProvider &p) { return p.id == id; });
    return it == kSocialProviders.end() ? nullptr : &*it;
}

} // namespace sandbox
