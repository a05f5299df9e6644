#include "Workspace.h"

namespace oidc::workspace {

const flow::ProviderProfile *Workspace::profile(const QString &profileId) const
{
    for (const flow::ProviderProfile &candidate : profiles)
        if (candidate.id == profileId)
            return &candidate;
    return nullptr;
}

} // namespace oidc::workspace
