#include "Cbor.h"

#include <limits>

namespace oidc::webauthn {

namespace {

oidc::Error cborError(std::string_view code, std::string message)
{
    return oidc::makeError(oidc::ErrorCategory::Input, std::string(code), std::move(message));
}

// Walks one data item and everything inside it without allocating, checking every declared
// length against the bytes that are actually left.
class Scanner final {
public:
    Scanner(std::string_view bytes, const CborLimits &limits, std::string_view errorCode)
        : m_bytes(bytes), m_limits(limits), m_errorCode(errorCode)
    {
    }

    oidc::Status item(int depth)
    {
        if (depth > m_limits.maxDepth)
            return fail("CBOR nested deeper than " + std::to_string(m_limits.maxDepth) + " levels");
        if (++m_items > m_limits.maxItems)
            return fail("CBOR holds more than " + std::to_string(m_limits.maxItems) + " items");
        if (m_pos >= m_bytes.size())
            return fail("CBOR ends in the middle of an item");
        const auto initial = static_cast<unsigned char>(m_bytes[m_pos++]);
        const int major = initial >> 5;
        const unsigned info = initial & 0x1Fu;
        uint64_t argument = 0;
        if (info < 24) {
            argument = info;
        } else if (info <= 27) {
            const size_t width = size_t{1} << (info - 24);
            if (remaining() < width)
                return fail("CBOR ends in the middle of an item header");
            for (size_t i = 0; i < width; ++i)
                argument = (argument << 8) | static_cast<unsigned char>(m_bytes[m_pos++]);
        } else if (info == 31) {
            return fail("indefinite-length CBOR is not allowed (CTAP2 canonical encoding)");
        } else {
            return fail("reserved CBOR additional information " + std::to_string(info));
        }

        switch (major) {
        case 0: // unsigned integer
        case 1: // negative integer
            return {};
        case 2: // byte string
        case 3: // text string
            if (argument > remaining())
                return fail("a CBOR string claims " + std::to_string(argument) + " bytes but only "
                            + std::to_string(remaining()) + " are left");
            m_pos += static_cast<size_t>(argument);
            return {};
        case 4: // array: every element takes at least one byte
            if (argument > remaining())
                return fail("a CBOR array claims more elements than there are bytes");
            for (uint64_t i = 0; i < argument; ++i)
                if (auto inner = item(depth + 1); !inner)
                    return inner;
            return {};
        case 5: // map: every pair takes at least two bytes
            if (argument > remaining() / 2)
                return fail("a CBOR map claims more entries than there are bytes");
            for (uint64_t i = 0; i < 2 * argument; ++i)
                if (auto inner = item(depth + 1); !inner)
                    return inner;
            return {};
        case 6: // tag: CTAP2 canonical CBOR has none, and libcbor 0.8 cannot read back tags 6–20
                // in their one-byte form although it accepts them in longer ones (found by fuzzing)
            return fail("CBOR tags are not allowed (CTAP2 canonical encoding)");
        default: // 7: simple values and floats
            if (info == 24 && argument < 32)
                return fail("a CBOR simple value is encoded in two bytes but is below 32 (RFC 8949 §3.3)");
            return {};
        }
    }

    [[nodiscard]] size_t position() const { return m_pos; }

private:
    [[nodiscard]] size_t remaining() const { return m_bytes.size() - m_pos; }
    oidc::Error fail(std::string message) const
    {
        return cborError(m_errorCode, std::move(message) + " (at byte " + std::to_string(m_pos) + ")");
    }

    std::string_view m_bytes;
    const CborLimits &m_limits;
    std::string_view m_errorCode;
    size_t m_pos = 0;
    size_t m_items = 0;
};

template <typename Matches>
oidc::Result<const cbor_item_t *> findInMap(const cbor_item_t *map, std::string_view errorCode, const std::string &keyText,
                                            Matches matches)
{
    if (!map || !cbor_isa_map(map))
        return cborError(errorCode, "expected a CBOR map");
    const cbor_pair *pairs = cbor_map_handle(map);
    const size_t size = cbor_map_size(map);
    const cbor_item_t *found = nullptr;
    for (size_t i = 0; i < size; ++i) {
        if (!matches(pairs[i].key))
            continue;
        if (found)
            return cborError(errorCode, "the CBOR map has the key " + keyText + " twice");
        found = pairs[i].value;
    }
    return found;
}

} // namespace

oidc::Result<CborDocument> CborDocument::decode(std::string_view bytes, bool allowTrailing, const CborLimits &limits,
                                                std::string_view errorCode)
{
    if (bytes.empty())
        return cborError(errorCode, "the CBOR is empty");
    if (bytes.size() > limits.maxBytes)
        return cborError(errorCode, "the CBOR is larger than " + std::to_string(limits.maxBytes) + " bytes");
    Scanner scanner(bytes, limits, errorCode);
    if (auto scanned = scanner.item(0); !scanned)
        return scanned.error();
    const size_t length = scanner.position();
    if (!allowTrailing && length != bytes.size())
        return cborError(errorCode, std::to_string(bytes.size() - length) + " unexpected bytes after the CBOR item");

    cbor_load_result result{};
    CborItemPtr root(cbor_load(reinterpret_cast<cbor_data>(bytes.data()), length, &result));
    if (!root || result.error.code != CBOR_ERR_NONE)
        return cborError(errorCode, "libcbor could not decode the item (error " + std::to_string(static_cast<int>(result.error.code))
                                        + " at byte " + std::to_string(result.error.position) + ")");
    if (result.read != length)
        return cborError(errorCode, "libcbor and the scanner disagree on the item's length");
    return CborDocument(std::move(root), length);
}

std::optional<int64_t> cborInt(const cbor_item_t *item)
{
    if (!item)
        return std::nullopt;
    constexpr auto kMax = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
    if (cbor_isa_uint(item)) {
        const uint64_t value = cbor_get_int(item);
        if (value > kMax)
            return std::nullopt;
        return static_cast<int64_t>(value);
    }
    if (cbor_isa_negint(item)) {
        // Major type 1 encodes −1 − n.
        const uint64_t n = cbor_get_int(item);
        if (n > kMax)
            return std::nullopt;
        return -1 - static_cast<int64_t>(n);
    }
    return std::nullopt;
}

std::optional<std::string_view> cborBytes(const cbor_item_t *item)
{
    if (!item || !cbor_isa_bytestring(item) || !cbor_bytestring_is_definite(item))
        return std::nullopt;
    const size_t length = cbor_bytestring_length(item);
    if (length == 0)
        return std::string_view();
    return std::string_view(reinterpret_cast<const char *>(cbor_bytestring_handle(item)), length);
}

std::optional<std::string_view> cborText(const cbor_item_t *item)
{
    if (!item || !cbor_isa_string(item) || !cbor_string_is_definite(item))
        return std::nullopt;
    const size_t length = cbor_string_length(item);
    if (length == 0)
        return std::string_view();
    return std::string_view(reinterpret_cast<const char *>(cbor_string_handle(item)), length);
}

oidc::Result<const cbor_item_t *> cborMapGet(const cbor_item_t *map, int64_t key, std::string_view errorCode)
{
    return findInMap(map, errorCode, std::to_string(key), [key](const cbor_item_t *candidate) {
        const auto value = cborInt(candidate);
        return value && *value == key;
    });
}

oidc::Result<const cbor_item_t *> cborMapGet(const cbor_item_t *map, std::string_view key, std::string_view errorCode)
{
    return findInMap(map, errorCode, "\"" + std::string(key) + "\"", [key](const cbor_item_t *candidate) {
        const auto value = cborText(candidate);
        return value && *value == key;
    });
}

CborItemPtr cborMakeInt(int64_t value)
{
    // libcbor writes an integer with the width it was built with, so pick the smallest width
    // (CTAP2 canonical: the shortest form).
    const uint64_t magnitude = value >= 0 ? static_cast<uint64_t>(value) : static_cast<uint64_t>(-(value + 1));
    const bool negative = value < 0;
    if (magnitude <= 0xFF)
        return CborItemPtr(negative ? cbor_build_negint8(static_cast<uint8_t>(magnitude)) : cbor_build_uint8(static_cast<uint8_t>(magnitude)));
    if (magnitude <= 0xFFFF)
        return CborItemPtr(negative ? cbor_build_negint16(static_cast<uint16_t>(magnitude)) : cbor_build_uint16(static_cast<uint16_t>(magnitude)));
    if (magnitude <= 0xFFFFFFFF)
        return CborItemPtr(negative ? cbor_build_negint32(static_cast<uint32_t>(magnitude)) : cbor_build_uint32(static_cast<uint32_t>(magnitude)));
    return CborItemPtr(negative ? cbor_build_negint64(magnitude) : cbor_build_uint64(magnitude));
}

CborItemPtr cborMakeBytes(std::string_view bytes)
{
    return CborItemPtr(cbor_build_bytestring(reinterpret_cast<cbor_data>(bytes.data()), bytes.size()));
}

CborItemPtr cborMakeText(std::string_view text)
{
    return CborItemPtr(cbor_build_stringn(text.data(), text.size()));
}

CborItemPtr cborMakeMap(std::vector<std::pair<CborItemPtr, CborItemPtr>> entries)
{
    CborItemPtr map(cbor_new_definite_map(entries.size()));
    if (!map)
        return nullptr;
    for (auto &[key, value] : entries) {
        // cbor_map_add takes its own references; ours are released when `entries` goes away.
        if (!key || !value || !cbor_map_add(map.get(), cbor_pair{key.get(), value.get()}))
            return nullptr;
    }
    return map;
}

CborItemPtr cborMakeArray(std::vector<CborItemPtr> items)
{
    CborItemPtr array(cbor_new_definite_array(items.size()));
    if (!array)
        return nullptr;
    for (auto &item : items)
        if (!item || !cbor_array_push(array.get(), item.get()))
            return nullptr;
    return array;
}

oidc::Result<std::string> cborEncode(const cbor_item_t *item)
{
    if (!item)
        return cborError("CBOR_ENCODE", "libcbor could not build the item");
    // libcbor 0.8 has no size query: grow the buffer until the item fits.
    for (size_t capacity = 256; capacity <= 1024 * 1024; capacity *= 2) {
        std::string buffer(capacity, '\0');
        const size_t written = cbor_serialize(item, reinterpret_cast<unsigned char *>(buffer.data()), buffer.size());
        if (written > 0) {
            buffer.resize(written);
            return buffer;
        }
    }
    return cborError("CBOR_ENCODE", "the CBOR item is larger than 1 MiB");
}

} // namespace oidc::webauthn
