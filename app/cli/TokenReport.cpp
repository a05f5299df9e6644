#include "TokenReport.h"

#include "oidc/HumanTime.h"
#include "oidc/jwt/ClaimCatalog.h"

namespace cli {

std::vector<TimeClaim> timeClaims(const oidc::jwt::DecodedJwt &jwt, int64_t now)
{
    std::vector<TimeClaim> times;
    for (const auto &[name, value] : jwt.claims().items()) {
        const auto *info = oidc::jwt::claimInfo(name);
        if (!info || info->kind != oidc::jwt::ClaimKind::Time || !value.is_number())
            continue;
        const auto unix = jwt.numericClaim(name).value_or(0);
        times.push_back({name, unix, oidc::formatUtc(unix), oidc::formatLocal(unix), oidc::formatRelative(unix, now)});
    }
    return times;
}

oidc::Json timesJson(const std::vector<TimeClaim> &times)
{
    oidc::Json json = oidc::Json::object();
    for (const auto &time : times)
        json[time.name] = {{"unix", time.unix}, {"utc", time.utc}, {"local", time.local}, {"relative", time.relative}};
    return json;
}

std::optional<int64_t> secondsUntilExpiry(const oidc::jwt::DecodedJwt &jwt, int64_t now)
{
    const auto exp = jwt.numericClaim("exp");
    if (!exp)
        return std::nullopt;
    return *exp - now;
}

} // namespace cli
