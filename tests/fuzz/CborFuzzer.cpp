// oidc::webauthn::CborDocument, the bounds-checked CBOR decoder in front of libcbor (WebAuthn
// attestation objects, COSE keys, extensions), and the lookups made on what it returns.

#include "FuzzSupport.h"

#include "oidc/webauthn/Cbor.h"

using namespace oidc::webauthn;

namespace {

void walk(const cbor_item_t *item, int depth)
{
    oidc::fuzz::require(depth <= CborLimits{}.maxDepth + 1, "decoded nesting stays within the limit");
    (void)cborInt(item);
    (void)cborBytes(item);
    (void)cborText(item);
    if (cbor_isa_array(item)) {
        for (size_t i = 0; i < cbor_array_size(item); ++i)
            walk(cbor_array_handle(item)[i], depth + 1);
    } else if (cbor_isa_map(item)) {
        for (const int64_t key : {1, 3, -1, -2, -3})
            (void)cborMapGet(item, key);
        for (const char *key : {"fmt", "authData", "attStmt"})
            (void)cborMapGet(item, key);
        const cbor_pair *pairs = cbor_map_handle(item);
        for (size_t i = 0; i < cbor_map_size(item); ++i) {
            walk(pairs[i].key, depth + 1);
            walk(pairs[i].value, depth + 1);
        }
    }
    oidc::fuzz::require(!cbor_isa_tag(item), "tags are refused (CTAP2 canonical CBOR)");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view bytes = oidc::fuzz::asText(data, size);
    for (const bool allowTrailing : {false, true}) {
        const auto document = CborDocument::decode(bytes, allowTrailing);
        if (!document)
            continue;
        oidc::fuzz::require(document->consumed() <= bytes.size(), "an item ends within the input");
        walk(document->root(), 0);
        // What was decoded encodes, and that encoding decodes again.
        const auto encoded = cborEncode(document->root());
        oidc::fuzz::require(encoded.ok() && CborDocument::decode(*encoded).ok(), "a decoded item re-encodes and decodes");
    }
    return 0;
}
