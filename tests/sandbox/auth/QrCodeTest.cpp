// The QR code PNG: decoded here with zlib and a small PNG chunk reader (signature, CRCs, IHDR,
// inflated scanlines) and compared module by module with libqrencode's matrix.

#include "sandbox/auth/Png.h"
#include "sandbox/auth/QrCode.h"

#include "TestSupport.h"

#include <zlib.h>

#include <cstdint>

namespace sandbox::auth {
namespace {

struct DecodedPng {
    uint32_t width = 0;
    uint32_t height = 0;
    int bitDepth = 0;
    int colourType = 0;
    std::string pixels; // width × height bytes
};

uint32_t readU32(std::string_view bytes, size_t at)
{
    return static_cast<uint32_t>(static_cast<unsigned char>(bytes[at])) << 24
        | static_cast<uint32_t>(static_cast<unsigned char>(bytes[at + 1])) << 16
        | static_cast<uint32_t>(static_cast<unsigned char>(bytes[at + 2])) << 8
        | static_cast<uint32_t>(static_cast<unsigned char>(bytes[at + 3]));
}

// A strict reader for the greyscale, unfiltered PNGs we write; fails the test on any defect.
DecodedPng decodePng(const std::string &png)
{
    DecodedPng out;
    EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
    size_t pos = 8;
    std::string idat;
    std::vector<std::string> order;
    while (pos + 12 <= png.size()) {
        const uint32_t length = readU32(png, pos);
        const std::string type = png.substr(pos + 4, 4);
        EXPECT_LE(pos + 12 + length, png.size());
        const std::string data = png.substr(pos + 8, length);
        uLong crc = crc32(0L, Z_NULL, 0);
        const std::string typeAndData = type + data;
        crc = crc32(crc, reinterpret_cast<const Bytef *>(typeAndData.data()), static_cast<uInt>(typeAndData.size()));
        EXPECT_EQ(readU32(png, pos + 8 + length), static_cast<uint32_t>(crc)) << "CRC of " << type;
        order.push_back(type);
        if (type == "IHDR") {
            EXPECT_EQ(length, 13u);
            out.width = readU32(data, 0);
            out.height = readU32(data, 4);
            out.bitDepth = static_cast<unsigned char>(data[8]);
            out.colourType = static_cast<unsigned char>(data[9]);
            EXPECT_EQ(data[10], '\0');
            EXPECT_EQ(data[11], '\0');
            EXPECT_EQ(data[12], '\0');
        } else if (type == "IDAT") {
            idat += data;
        }
        pos += 12 + length;
    }
    EXPECT_EQ(pos, png.size());
    EXPECT_GE(order.size(), 3u);
    if (order.size() < 3)
        return out;
    EXPECT_EQ(order.front(), "IHDR");
    EXPECT_EQ(order.back(), "IEND");
    uLongf rawSize = (out.width + 1) * out.height;
    std::string raw(rawSize, '\0');
    EXPECT_EQ(uncompress(reinterpret_cast<Bytef *>(raw.data()), &rawSize, reinterpret_cast<const Bytef *>(idat.data()),
                         static_cast<uLong>(idat.size())),
              Z_OK);
    EXPECT_EQ(rawSize, (out.width + 1) * out.height);
    for (uint32_t y = 0; y < out.height; ++y) {
        EXPECT_EQ(raw[y * (out.width + 1)], '\0') << "filter type of row " << y;
        out.pixels += raw.substr(y * (out.width + 1) + 1, out.width);
    }
    return out;
}

TEST(Png, EncodesATinyImage)
{
    const std::string pixels("\x00\xff\x80\x10\x20\x30", 6);
    auto png = encodeGreyscalePng(3, 2, pixels);
    ASSERT_TRUE(png.ok()) << png.error().summary();
    const DecodedPng decoded = decodePng(*png);
    EXPECT_EQ(decoded.width, 3u);
    EXPECT_EQ(decoded.height, 2u);
    EXPECT_EQ(decoded.bitDepth, 8);
    EXPECT_EQ(decoded.colourType, 0);
    EXPECT_EQ(decoded.pixels, pixels);
}

TEST(Png, RefusesMismatchedSizes)
{
    EXPECT_TRUE(test::failsWith(encodeGreyscalePng(3, 2, "12345"), "PNG_SIZE"));
    EXPECT_TRUE(test::failsWith(encodeGreyscalePng(0, 0, ""), "PNG_SIZE"));
}

TEST(QrCode, PngShowsTheMatrixWithAQuietZoneAtAbout200Pixels)
{
    const std::string url = "otpauth://totp/OIDC%20Playground:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                            "&issuer=OIDC%20Playground&algorithm=SHA1&digits=6&period=30";
    auto matrix = encodeQr(url);
    ASSERT_TRUE(matrix.ok()) << matrix.error().summary();
    EXPECT_GE(matrix->size, 21);
    EXPECT_EQ((matrix->size - 17) % 4, 0); // QR version v has 17 + 4v modules

    auto png = qrCodePng(url);
    ASSERT_TRUE(png.ok()) << png.error().summary();
    const DecodedPng decoded = decodePng(*png);
    ASSERT_EQ(decoded.width, decoded.height);
    const int modules = matrix->size + 8;
    ASSERT_EQ(decoded.width % static_cast<uint32_t>(modules), 0u);
    const int scale = static_cast<int>(decoded.width) / modules;
    EXPECT_GE(decoded.width, 150u);
    EXPECT_LE(decoded.width, 260u);

    for (int y = 0; y < modules; ++y)
        for (int x = 0; x < modules; ++x) {
            const bool inside = x >= 4 && y >= 4 && x < 4 + matrix->size && y < 4 + matrix->size;
            const bool dark = inside && matrix->at(x - 4, y - 4);
            // Every pixel of the module's square has the module's colour.
            for (int dy = 0; dy < scale; ++dy)
                for (int dx = 0; dx < scale; ++dx) {
                    const size_t index = static_cast<size_t>(y * scale + dy) * decoded.width + static_cast<size_t>(x * scale + dx);
                    ASSERT_EQ(decoded.pixels[index], dark ? '\0' : '\xff') << "module " << x << "," << y;
                }
        }
    // The finder pattern: the top-left 7×7 ring is dark at its corners.
    EXPECT_TRUE(matrix->at(0, 0));
    EXPECT_TRUE(matrix->at(6, 6));
    EXPECT_FALSE(matrix->at(1, 1));
    EXPECT_TRUE(matrix->at(2, 2));
}

TEST(QrCode, RefusesEmptyAndHugeText)
{
    EXPECT_TRUE(test::failsWith(encodeQr(""), "QR_TOO_LONG"));
    EXPECT_TRUE(test::failsWith(encodeQr(std::string(3000, 'a')), "QR_TOO_LONG"));
}

} // namespace
} // namespace sandbox::auth
