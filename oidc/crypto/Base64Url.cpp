#include "Base64Url.h"

#include <array>
#include <cstdint>

namespace oidc::crypto {

namespace {

constexpr char kUrlAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr char kStdAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<int8_t, 256> makeTable(const char *alphabet)
{
    std::array<int8_t, 256> table{};
    for (auto &entry : table)
        entry = -1;
    for (int i = 0; i < 64; ++i)
        table[static_cast<unsigned char>(alphabet[i])] = static_cast<int8_t>(i);
    return table;
}

constexpr auto kUrlTable = makeTable(kUrlAlphabet);
constexpr auto kStdTable = makeTable(kStdAlphabet);

std::string encode(std::string_view bytes, const char *alphabet, bool pad)
{
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    size_t i = 0;
    const auto byteAt = [&](size_t k) { return static_cast<uint32_t>(static_cast<unsigned char>(bytes[k])); };
    for (; i + 3 <= bytes.size(); i += 3) {
        const uint32_t v = byteAt(i) << 16 | byteAt(i + 1) << 8 | byteAt(i + 2);
        out += alphabet[v >> 18 & 63];
        out += alphabet[v >> 12 & 63];
        out += alphabet[v >> 6 & 63];
        out += alphabet[v & 63];
    }
    const size_t rest = bytes.size() - i;
    if (rest == 1) {
        const uint32_t v = byteAt(i) << 16;
        out += alphabet[v >> 18 & 63];
        out += alphabet[v >> 12 & 63];
        if (pad)
            out += "==";
    } else if (rest == 2) {
        const uint32_t v = byteAt(i) << 16 | byteAt(i + 1) << 8;
        out += alphabet[v >> 18 & 63];
        out += alphabet[v >> 12 & 63];
        out += alphabet[v >> 6 & 63];
        if (pad)
            out += '=';
    }
    return out;
}

Error characterError(std::string_view text, const std::array<int8_t, 256> &table, size_t from, const char *what)
{
    size_t i = from;
    while (i < text.size() && table[static_cast<unsigned char>(text[i])] >= 0)
        ++i;
    return makeError(ErrorCategory::Input, "BASE64_CHARACTER", std::string(what) + ": invalid character at offset " + std::to_string(i));
}

// The sextet of each character already shifted to its place in a group of four (18, 12, 6, 0),
// and kInvalidSextet for characters outside the alphabet: a group is then four loads and three
// ORs, and one test of the top byte finds any bad character.
constexpr uint32_t kInvalidSextet = 0xFF000000;

struct ShiftedTables final {
    std::array<std::array<uint32_t, 256>, 4> shifted{};
};

constexpr ShiftedTables makeShiftedTables(const std::array<int8_t, 256> &table)
{
    ShiftedTables tables;
    for (size_t position = 0; position < 4; ++position)
        for (size_t c = 0; c < 256; ++c)
            tables.shifted[position][c] =
                table[c] < 0 ? kInvalidSextet : static_cast<uint32_t>(table[c]) << (18 - 6 * position);
    return tables;
}

constexpr auto kUrlShifted = makeShiftedTables(kUrlTable);
constexpr auto kStdShifted = makeShiftedTables(kStdTable);

// Four characters at a time into a pre-sized buffer: this runs on every token's three parts.
Result<std::string> decode(std::string_view text, const std::array<int8_t, 256> &table, const ShiftedTables &tables,
                           const char *what)
{
    if (text.size() % 4 == 1)
        return makeError(ErrorCategory::Input, "BASE64_LENGTH", std::string(what) + ": impossible length");
    const size_t groups = text.size() / 4;
    const size_t rest = text.size() % 4; // 0, 2 or 3 characters: 0, 1 or 2 more bytes
    std::string out(groups * 3 + (rest == 0 ? 0 : rest - 1), '\0');
    const auto *in = reinterpret_cast<const unsigned char *>(text.data());
    auto *o = reinterpret_cast<unsigned char *>(out.data());
    const auto &[t0, t1, t2, t3] = tables.shifted;
    for (size_t g = 0; g < groups; ++g, in += 4, o += 3) {
        const uint32_t v = t0[in[0]] | t1[in[1]] | t2[in[2]] | t3[in[3]];
        if ((v & kInvalidSextet) != 0)
            return characterError(text, table, g * 4, what);
        o[0] = static_cast<unsigned char>(v >> 16);
        o[1] = static_cast<unsigned char>(v >> 8);
        o[2] = static_cast<unsigned char>(v);
    }
    if (rest > 0) {
        const auto value = [&](size_t i) { return static_cast<int32_t>(table[in[i]]); };
        const int32_t a = value(0), b = value(1), c = rest == 3 ? value(2) : 0;
        if ((a | b | c) < 0)
            return characterError(text, table, groups * 4, what);
        // One value, one encoding: the bits below the last whole byte must be zero.
        if ((rest == 2 && (b & 0x0F) != 0) || (rest == 3 && (c & 0x03) != 0))
            return makeError(ErrorCategory::Input, "BASE64_TRAILING_BITS", std::string(what) + ": non-canonical trailing bits");
        o[0] = static_cast<unsigned char>(a << 2 | b >> 4);
        if (rest == 3)
            o[1] = static_cast<unsigned char>((b & 0x0F) << 4 | c >> 2);
    }
    return out;
}

} // namespace

std::string base64UrlEncode(std::string_view bytes)
{
    return encode(bytes, kUrlAlphabet, false);
}

Result<std::string> base64UrlDecode(std::string_view text)
{
    return decode(text, kUrlTable, kUrlShifted, "base64url");
}

std::string base64Encode(std::string_view bytes)
{
    return encode(bytes, kStdAlphabet, true);
}

Result<std::string> base64Decode(std::string_view text)
{
    std::string compact;
    compact.reserve(text.size());
    for (char c : text) {
        if (c == '\n' || c == '\r' || c == ' ' || c == '\t')
            continue;
        compact += c;
    }
    // Padding (RFC 4648 §3.2): at most two '=', and only to complete the last group of four.
    size_t padding = 0;
    while (!compact.empty() && compact.back() == '=') {
        compact.pop_back();
        ++padding;
    }
    if (padding > 2 || (padding > 0 && (compact.size() + padding) % 4 != 0))
        return makeError(ErrorCategory::Input, "BASE64_PADDING", "base64: wrong padding");
    return decode(compact, kStdTable, kStdShifted, "base64");
}

std::string hexEncode(std::string_view bytes)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

} // namespace oidc::crypto
