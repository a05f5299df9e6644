#include "ClientData.h"

#include <utility>

namespace oidc::webauthn {

namespace {

Error clientDataError(std::string message)
{
    return makeError(ErrorCategory::Input, "WEBAUTHN_CLIENT_DATA", std::move(message));
}

} // namespace

Result<ClientData> parseClientData(std::string_view bytes)
{
    if (bytes.size() > kMaxClientDataBytes)
        return clientDataError("clientDataJSON is larger than 8 KiB");
    JsonParseOptions options;
    options.what = "clientDataJSON";
    options.maxDepth = 8;
    auto json = parseJsonObject(bytes, options);
    if (!json)
        return clientDataError("clientDataJSON is not a JSON object: " + json.error().message);
    ClientData data;
    for (const auto &[name, target] : {std::pair{"type", &data.type}, std::pair{"challenge", &data.challenge},
                                        std::pair{"origin", &data.origin}}) {
        const auto it = json->find(name);
        if (it == json->end() || !it->is_string())
            return clientDataError(std::string("clientDataJSON lacks the string \"") + name + "\"");
        *target = it->get<std::string>();
    }
    const auto crossOrigin = json->find("crossOrigin");
    if (crossOrigin != json->end() && !crossOrigin->is_null()) {
        if (!crossOrigin->is_boolean())
            return clientDataError("clientDataJSON's crossOrigin is not a boolean");
        data.crossOrigin = crossOrigin->get<bool>();
    }
    data.members = std::move(json).value();
    return data;
}

} // namespace oidc::webauthn
