#include "Workspace.h"

namespace oidc::workspace {

const flow::ProviderProfile *Workspace::profile(const QString &id) const
{
    for (const flow::ProviderProfile &candidate : profiles)
        if (candidate.id == id)
            return &candidate;
    return nullptr;
}

} // namespace oidc::workspace
