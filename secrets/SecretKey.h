#pragma once

// The name a secret is stored under: "oidcplay/<workspace id>/<profile id>/<kind>", so two
// workspaces with a profile of the same id never share a secret, and a profile's client secret
// and its access key are separate entries. The ids are the workspace file's random id and the
// profile's slug; kinds are the constants below.

#include <QString>

namespace secrets {

inline constexpr QStringView kClientSecret = u"client-secret";
inline constexpr QStringView kAccessKey = u"access-key";
inline constexpr QStringView kManagementKey = u"management-key";

[[nodiscard]] inline QString secretKey(const QString &workspaceId, const QString &profileId, QStringView kind)
{
    return QStringLiteral("oidcplay/%1/%2/%3").arg(workspaceId, profileId, kind);
}

} // namespace secrets
