#include "Base32.h"

#include <cstdint>

namespace oidc::crypto {

namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

int decodeChar(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a';
    if (c >= '2' && c <= '7')
        return c - '2' + 26;
    return -1;
}

Error invalid(std::string message, std::string actual = {})
{
    return makeError(ErrorCategory::Input, "BASE32_INVALID", std::move(message), {}, std::move(actual));
}

} // namespace

std::string base32Encode(std::string_view bytes)
{
    std::string out;
    out.reserve((bytes.size() * 8 + 4) / 5);
    uint32_t buffer = 0;
    int bits = 0;
    for (const char c : bytes) {
        buffer = (buffer << 8) | static_cast<unsigned char>(c);
        bits += 8;
        while (bits >= 5) {
            out.push_back(kAlphabet[(buffer >> (bits - 5)) & 0x1F]);
            bits -= 5;
        }
        buffer &= (1u << bits) - 1; // keep only the bits not yet emitted
    }
    if (bits > 0)
        out.push_back(kAlphabet[(buffer << (5 - bits)) & 0x1F]);
    return out;
}

Result<std::string> base32Decode(std::string_view text)
{
    const size_t firstPad = text.find('=');
    std::string_view body = text.substr(0, firstPad);
    if (firstPad != std::string_view::npos) {
        // RFC 4648 §6: padding only at the end, completing the last 8-character group.
        if (text.find_first_not_of('=', firstPad) != std::string_view::npos)
            return invalid("'=' may only appear at the end");
        if (text.size() % 8 != 0)
            return invalid("padded base32 must be a multiple of 8 characters", std::to_string(text.size()));
    }
    // Characters in a final group: 2, 4, 5, 7 encode 1–4 bytes; 1, 3, 6 are impossible.
    const size_t tail = body.size() % 8;
    if (tail == 1 || tail == 3 || tail == 6)
        return invalid("impossible base32 length", std::to_string(body.size()));
    if (firstPad != std::string_view::npos && tail == 0)
        return invalid("padding after a complete group");

    std::string out;
    out.reserve(body.size() * 5 / 8);
    uint32_t buffer = 0;
    int bits = 0;
    for (const char c : body) {
        const int value = decodeChar(c);
        if (value < 0)
            return invalid("not a base32 character", std::string(1, c));
        buffer = (buffer << 5) | static_cast<uint32_t>(value);
        bits += 5;
        if (bits >= 8) {
            out.push_back(static_cast<char>((buffer >> (bits - 8)) & 0xFF));
            bits -= 8;
            buffer &= (1u << bits) - 1;
        }
    }
    if (buffer != 0)
        return invalid("non-zero trailing bits (not a canonical encoding)");
    return out;
}

} // namespace oidc::crypto
