// oidc::descope::processDescopeError: any body a Descope endpoint (or a proxy in front of it)
// answers with becomes a categorised error, and a body that is not a Descope error is never
// quoted (it may echo a secret).

#include "FuzzSupport.h"

#include "oidc/descope/DescopeError.h"

#include <algorithm>
#include <array>

using namespace oidc;

namespace {

constexpr std::array kStatuses = {400, 401, 403, 404, 429, 500, 502, 503};

// The characters of the messages written for bodies that are not a Descope error. A body with
// any other character can only appear in such a message if it was quoted.
bool onlyMessageCharacters(std::string_view text)
{
    return std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' || c == '(' || c == ')' || c == ':'
            || c == ',';
    });
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    net::HttpResponse response = fuzz::httpResponse(data, size, kStatuses);
    if (data[0] & 0x80)
        response.headers.append({"Retry-After", QByteArray::number(data[0] & 0x3f)});
    const Error error = descope::processDescopeError(response);
    fuzz::require(error.category == ErrorCategory::Descope && error.httpStatus == response.status, "a DESCOPE error with the status");
    fuzz::require(!error.code.empty() && error.code.size() <= 32, "a short, stable code");
    fuzz::require(error.message.size() <= 700, "a bounded message");
    const std::string_view body(response.body.constData(), static_cast<size_t>(response.body.size()));
    if ((error.code == "DESCOPE_ERROR_NOT_JSON" || error.code == "DESCOPE_ERROR_MALFORMED") && body.size() >= 8 && !onlyMessageCharacters(body))
        fuzz::require(error.message.find(body) == std::string::npos, "a body that is not a Descope error is never quoted");
    return 0;
}
