#include "Png.h"

#include <zlib.h>

#include <climits>
#include <cstdint>

namespace sandbox::auth {

namespace {

constexpr int kMaxDimension = 4096;

void appendU32(std::string &out, uint32_t value)
{
    out.push_back(static_cast<char>(value >> 24));
    out.push_back(static_cast<char>(value >> 16));
    out.push_back(static_cast<char>(value >> 8));
    out.push_back(static_cast<char>(value));
}

// PNG §5.3: length, type, data, CRC-32 over type and data.
void appendChunk(std::string &out, std::string_view type, std::string_view data)
{
    appendU32(out, static_cast<uint32_t>(data.size()));
    const std::string typeAndData = std::string(type) + std::string(data);
    out += typeAndData;
    uLong crc = crc32(0L, Z_NULL, 0);
    crc = crc32(crc, reinterpret_cast<const Bytef *>(typeAndData.data()), static_cast<uInt>(typeAndData.size()));
    appendU32(out, static_cast<uint32_t>(crc));
}

} // namespace

oidc::Result<std::string> encodeGreyscalePng(int width, int height, std::string_view pixels)
{
    if (width < 1 || height < 1 || width > kMaxDimension || height > kMaxDimension
        || pixels.size() != static_cast<size_t>(width) * static_cast<size_t>(height))
        return oidc::makeError(oidc::ErrorCategory::Sandbox, "PNG_SIZE", "the image dimensions do not fit the pixels");

    // Each scanline starts with its filter type (PNG §9.2); 0 = None keeps it simple.
    const auto rowBytes = static_cast<size_t>(width);
    std::string raw;
    raw.reserve((rowBytes + 1) * static_cast<size_t>(height));
    for (int y = 0; y < height; ++y) {
        raw.push_back('\0');
        raw.append(pixels.substr(static_cast<size_t>(y) * rowBytes, rowBytes));
    }

    uLongf compressedSize = compressBound(static_cast<uLong>(raw.size()));
    std::string compressed(compressedSize, '\0');
    if (compress2(reinterpret_cast<Bytef *>(compressed.data()), &compressedSize,
                  reinterpret_cast<const Bytef *>(raw.data()), static_cast<uLong>(raw.size()), Z_BEST_COMPRESSION)
        != Z_OK)
        return oidc::makeError(oidc::ErrorCategory::Sandbox, "PNG_DEFLATE", "zlib could not compress the image");
    compressed.resize(compressedSize);

    std::string png("\x89PNG\r\n\x1a\n", 8);
    std::string header;
    appendU32(header, static_cast<uint32_t>(width));
    appendU32(header, static_cast<uint32_t>(height));
    header.push_back('\x08'); // bit depth 8
    header.push_back('\x00'); // colour type 0: greyscale
    header.push_back('\x00'); // compression method 0: deflate
    header.push_back('\x00'); // filter method 0
    header.push_back('\x00'); // no interlace
    appendChunk(png, "IHDR", header);
    appendChunk(png, "IDAT", compressed);
    appendChunk(png, "IEND", {});
    return png;
}

} // namespace sandbox::auth
