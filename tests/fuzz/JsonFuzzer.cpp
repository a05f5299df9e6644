// oidc::parseJson, the strict JSON parser under every provider document and token part, and
// boundedPreview, which puts provider text into error messages.

#include "FuzzSupport.h"

#include "oidc/Json.h"

using namespace oidc;

namespace {

// Counts the values scanJson reports (duplicates included: a lenient tree keeps one of them, so
// only documents without duplicates are compared by count).
class CountingEvents final : public JsonEvents {
public:
    size_t values = 0;
    int depth = 0;
    void beginObject() override { open(); }
    void beginArray() override { open(); }
    void end() override { --depth; }
    void name(std::string_view) override {}
    void string(std::string_view, bool) override { ++values; }
    void scalar(const Json &) override { ++values; }

private:
    void open()
    {
        ++values;
        ++depth;
    }
};

size_t countValues(const Json &value)
{
    size_t count = 1;
    if (value.is_structured())
        for (const auto &child : value)
            count += countValues(child);
    return count;
}

} // namespace

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
    // scanJson (decodeJwt's parse, without a tree) gives the same verdict, byte for byte.
    for (const JsonParseOptions &options : {JsonParseOptions{}, JsonParseOptions{ErrorCategory::Input, "JSON", false, 8}}) {
        const auto parsed = parseJson(text, options);
        CountingEvents events;
        const auto scanned = scanJson(text, events, options);
        fuzz::require(scanned.ok() == parsed.ok(), "scanJson accepts what parseJson accepts");
        if (!parsed.ok())
            fuzz::require(scanned.error().code == parsed.error().code && scanned.error().message == parsed.error().message
                              && scanned.error().actual == parsed.error().actual,
                          "scanJson refuses with parseJson's error");
        else
            fuzz::require(events.depth == 0 && (!options.rejectDuplicateNames || events.values == countValues(*parsed)),
                          "scanJson reports every value once");
    }
    // The preview is always valid UTF-8: nlohmann's dump() throws on anything else.
    const std::string preview = boundedPreview(text, 40);
    fuzz::require(!Json(preview).dump().empty(), "a preview serialises");
    return 0;
}
