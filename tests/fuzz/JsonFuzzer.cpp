// oidc::parseJson, the strict JSON parser under every provider document and token part, and
// boundedPreview, which puts provider text into error messages.

#include "FuzzSupport.h"

#include "oidc/Json.h"

using namespace oidc;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view text = fuzz::asText(data, size);
    if (const auto parsed = parseJson(text)) {
        // What was accepted serialises and comes back the same (RFC 8259 text both ways).
        const auto again = parseJson(parsed->dump());
        fuzz::require(again.ok() && *again == *parsed, "a parsed document survives dump() and parsing again");
    }
    const auto lenient = parseJson(text, {ErrorCategory::Input, "JSON", false, 8});
    if (!lenient)
        fuzz::require(!lenient.error().message.empty(), "a refusal says why");
    // The preview is always valid UTF-8: nlohmann's dump() throws on anything else.
    const std::string preview = boundedPreview(text, 40);
    fuzz::require(!Json(preview).dump().empty(), "a preview serialises");
    return 0;
}
