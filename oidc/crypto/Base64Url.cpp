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

Result<std::string> decode(std::string_view text, const std::array<int8_t, 256> &table, const char *what)
{
    if (text.size() % 4 == 1)
        return makeError(ErrorCategory::Input, "BASE64_LENGTH", std::string(what) + ": impossible length");
    std::string out;
    out.reserve(text.size() * 3 / 4);
    uint32_t buffer = 0;
    int bits = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        const int8_t v = table[static_cast<unsigned char>(text[i])];
        if (v < 0)
            return makeError(ErrorCategory::Input, "BASE64_CHARACTER",
                             std::string(what) + ": invalid character at offset " + std::to_string(i));
        buffer = buffer << 6 | static_cast<uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>(buffer >> bits & 0xFF);
        }
    }
    if (bits > 0 && (buffer & ((1u << bits) - 1)) != 0)
        return makeError(ErrorCategory::Input, "BASE64_TRAILING_BITS", std::string(what) + ": non-canonical trailing bits");
    return out;
}

} // namespace

std::string base64UrlEncode(std::string_view bytes)
{
    return encode(bytes, kUrlAlphabet, false);
}

Result<std::string> base64UrlDecode(std::string_view text)
{
    return decode(text, kUrlTable, "base64url");
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
    while (!compact.empty() && compact.back() == '=')
        compact.pop_back();
    return decode(compact, kStdTable, "base64");
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
