#pragma once

// A thin owned wrapper over libcbor for WebAuthn's CBOR (RFC 8949): attestation objects, COSE keys
// and authenticator extensions. Decoding first walks the bytes with a bounds-checked scanner
// (declared lengths and counts against the bytes left, nesting depth, item count), so libcbor
// never sees input that would make it allocate by an attacker's numbers; only then does libcbor
// build the tree. Indefinite lengths and tags are refused: CTAP2 canonical CBOR (which
// authenticators must emit) has neither. Lookups refuse duplicate map keys.

#include "oidc/Result.h"

#include <cbor.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace oidc::webauthn {

struct CborItemDeleter final {
    void operator()(cbor_item_t *item) const { cbor_decref(&item); }
};
// An owned reference to a libcbor item (cbor_decref on destruction).
using CborItemPtr = std::unique_ptr<cbor_item_t, CborItemDeleter>;

struct CborLimits final {
    size_t maxBytes = 64 * 1024; // input larger than this is refused before scanning
    int maxDepth = 16;           // arrays/maps/tags nested deeper are refused
    size_t maxItems = 4096;      // data items in total
};

// One decoded CBOR data item with ownership of its libcbor tree.
class CborDocument final {
public:
    // Decodes the first data item of `bytes`. With `allowTrailing` false the item must span all of
    // `bytes`; with true, consumed() tells where it ended (a COSE key inside authenticator data).
    // Errors (INPUT, code `errorCode`, WEBAUTHN_CBOR by default): truncated input, a length or
    // count larger than the bytes left, reserved additional information, indefinite lengths,
    // tags, too deep, too many items, trailing bytes, libcbor failures.
    [[nodiscard]] static oidc::Result<CborDocument> decode(std::string_view bytes, bool allowTrailing = false,
                                                           const CborLimits &limits = {},
                                                           std::string_view errorCode = "WEBAUTHN_CBOR");

    [[nodiscard]] const cbor_item_t *root() const { return m_root.get(); }
    [[nodiscard]] size_t consumed() const { return m_consumed; }

private:
    CborDocument(CborItemPtr root, size_t consumed) : m_root(std::move(root)), m_consumed(consumed) {}

    CborItemPtr m_root;
    size_t m_consumed = 0;
};

// Borrowed views of decoded items (nullopt when the item has another type).
[[nodiscard]] std::optional<int64_t> cborInt(const cbor_item_t *item);          // major types 0 and 1, within int64
[[nodiscard]] std::optional<std::string_view> cborBytes(const cbor_item_t *item); // definite byte string
[[nodiscard]] std::optional<std::string_view> cborText(const cbor_item_t *item);  // definite text string

// The value under an integer / text key of a map: nullptr when absent. Errors (INPUT,
// `errorCode`): the item is not a map, or the key occurs twice.
[[nodiscard]] oidc::Result<const cbor_item_t *> cborMapGet(const cbor_item_t *map, int64_t key,
                                                           std::string_view errorCode = "WEBAUTHN_CBOR");
[[nodiscard]] oidc::Result<const cbor_item_t *> cborMapGet(const cbor_item_t *map, std::string_view key,
                                                           std::string_view errorCode = "WEBAUTHN_CBOR");

// Building (the software authenticator). Each returns a new owned item, null only when libcbor
// cannot allocate; cborEncode reports that.
[[nodiscard]] CborItemPtr cborMakeInt(int64_t value);
[[nodiscard]] CborItemPtr cborMakeBytes(std::string_view bytes);
[[nodiscard]] CborItemPtr cborMakeText(std::string_view text);
// Entries are added in the given order; pass them in CTAP2 canonical order (RFC 7049 §3.9:
// shorter encoded keys first, then bytewise).
[[nodiscard]] CborItemPtr cborMakeMap(std::vector<std::pair<CborItemPtr, CborItemPtr>> entries);
[[nodiscard]] CborItemPtr cborMakeArray(std::vector<CborItemPtr> items);

// Serialises an item. Error: CBOR_ENCODE (INPUT) for a null item or a libcbor failure.
[[nodiscard]] oidc::Result<std::string> cborEncode(const cbor_item_t *item);

} // namespace oidc::webauthn
