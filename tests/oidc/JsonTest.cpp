// Strict JSON (oidc/Json.h): duplicate names (RFC 7519 §4, rp-checks J14), depth cap (J15),
// UTF-8 (RFC 8259 §8.1).

#include "SpecVectors.h"

#include "oidc/Json.h"

#include <functional>
#include <string>
#include <vector>

namespace oidc {
namespace {

OIDCPLAY_PRINT_ROW_BY_NAME(JsonRow)
OIDCPLAY_PRINT_ROW_BY_NAME(NumberRow)

using test::failsWith;

struct JsonRow {
    const char *name;
    std::string text;
    const char *code; // nullptr: parses
    const char *duplicate = "";
};

class StrictJson : public ::testing::TestWithParam<JsonRow> {};

TEST_P(StrictJson, Parses)
{
    const auto &row = GetParam();
    auto parsed = parseJson(row.text, {ErrorCategory::IdToken, "test document"});
    if (!row.code) {
        EXPECT_TRUE(test::succeeds(parsed));
        return;
    }
    ASSERT_TRUE(failsWith(parsed, row.code, ErrorCategory::IdToken));
    EXPECT_NE(parsed.error().message.find("test document"), std::string::npos) << parsed.error().message;
    if (std::string_view(row.code) == "JSON_DUPLICATE_NAME") {
        EXPECT_EQ(parsed.error().actual, row.duplicate);
    }
}

std::string nested(int depth, char open, char close)
{
    return std::string(static_cast<size_t>(depth), open) + std::string(static_cast<size_t>(depth), close);
}

std::string nestedObjects(int depth)
{
    std::string text;
    for (int i = 0; i < depth; ++i)
        text += "{\"a\":";
    text += "1";
    text += std::string(static_cast<size_t>(depth), '}');
    return text;
}

INSTANTIATE_TEST_SUITE_P(
    Rows, StrictJson,
    ::testing::Values(
        JsonRow{"object", R"({"a":1,"b":[true,null,"x"],"c":{"d":-1.5e3}})", nullptr},
        JsonRow{"scalar", "42", nullptr},
        JsonRow{"unicode_escape", R"({"a":"\u00e9\ud83d\ude00"})", nullptr},
        JsonRow{"utf8_text", "{\"a\":\"\xc3\xa9\xf0\x9f\x98\x80\"}", nullptr},
        JsonRow{"same_name_in_sibling_objects", R"({"a":{"x":1},"b":{"x":2}})", nullptr},
        JsonRow{"same_name_at_two_levels", R"({"x":{"x":1}})", nullptr},
        JsonRow{"RFC7519_4_duplicate_top_level", R"({"sub":"alice","sub":"admin"})", "JSON_DUPLICATE_NAME", "sub"},
        JsonRow{"duplicate_nested", R"({"a":{"b":1,"c":2,"b":3}})", "JSON_DUPLICATE_NAME", "b"},
        JsonRow{"duplicate_in_array_element", R"({"a":[{"k":1},{"k":1,"k":2}]})", "JSON_DUPLICATE_NAME", "k"},
        JsonRow{"duplicate_after_escape", R"({"alg":"RS256","\u0061lg":"none"})", "JSON_DUPLICATE_NAME", "alg"},
        JsonRow{"depth_64_arrays", nested(64, '[', ']'), nullptr},
        JsonRow{"depth_65_arrays", nested(65, '[', ']'), "JSON_TOO_DEEP"},
        JsonRow{"depth_64_objects", nestedObjects(64), nullptr},
        JsonRow{"depth_65_objects", nestedObjects(65), "JSON_TOO_DEEP"},
        JsonRow{"depth_20000_arrays", nested(20000, '[', ']'), "JSON_TOO_DEEP"},
        JsonRow{"empty", "", "JSON_SYNTAX"},
        JsonRow{"truncated", R"({"a":)", "JSON_SYNTAX"},
        JsonRow{"trailing_garbage", R"({"a":1} x)", "JSON_SYNTAX"},
        JsonRow{"trailing_comma", R"({"a":1,})", "JSON_SYNTAX"},
        JsonRow{"single_quotes", R"({'a':1})", "JSON_SYNTAX"},
        JsonRow{"comment", "{\"a\":1 /* no */}", "JSON_SYNTAX"},
        JsonRow{"invalid_utf8", "{\"a\":\"\xff\"}", "JSON_SYNTAX"},
        JsonRow{"overlong_utf8", "{\"a\":\"\xc0\xaf\"}", "JSON_SYNTAX"},
        JsonRow{"lone_surrogate", R"({"a":"\ud800"})", "JSON_SYNTAX"},
        JsonRow{"raw_control_character", std::string("{\"a\":\"\x01\"}"), "JSON_SYNTAX"}),
    test::RowName{});

// Rebuilds a tree from scanJson's events, to compare with parseJson's; checks that an unescaped
// string is handed over as a view into the text.
class EventTree final : public JsonEvents {
public:
    explicit EventTree(std::string_view text) : m_text(text) {}

    Json root;
    bool viewsOutsideText = false;

    void beginObject() override { m_open.push_back(place(Json::object())); }
    void beginArray() override { m_open.push_back(place(Json::array())); }
    void end() override { m_open.pop_back(); }
    void name(std::string_view name) override { m_name = name; }
    void string(std::string_view value, bool escaped) override
    {
        const bool inText = std::less_equal<const char *>()(m_text.data(), value.data())
            && std::less_equal<const char *>()(value.data() + value.size(), m_text.data() + m_text.size());
        viewsOutsideText = viewsOutsideText || (!escaped && !inText);
        place(std::string(value));
    }
    void scalar(const Json &value) override { place(value); }

private:
    Json *place(Json value)
    {
        if (m_open.empty()) {
            root = std::move(value);
            return &root;
        }
        Json &container = *m_open.back();
        if (container.is_object()) {
            Json &slot = container[m_name]; // a duplicate keeps the last value, as parseJson does
            slot = std::move(value);
            return &slot;
        }
        container.push_back(std::move(value));
        return &container.back();
    }

    std::string_view m_text;
    std::vector<Json *> m_open;
    std::string m_name;
};

// scanJson and parseJson: the same verdict, byte for byte, and the same values.
void expectSameScan(std::string_view text, const JsonParseOptions &options)
{
    const auto parsed = parseJson(text, options);
    EventTree events(text);
    const auto scanned = scanJson(text, events, options);
    ASSERT_EQ(scanned.ok(), parsed.ok()) << ::testing::PrintToString(std::string(text));
    if (!parsed.ok()) {
        EXPECT_EQ(scanned.error().code, parsed.error().code) << ::testing::PrintToString(std::string(text));
        EXPECT_EQ(scanned.error().message, parsed.error().message) << ::testing::PrintToString(std::string(text));
        EXPECT_EQ(scanned.error().expected, parsed.error().expected);
        EXPECT_EQ(scanned.error().actual, parsed.error().actual);
        EXPECT_EQ(scanned.error().category, parsed.error().category);
        return;
    }
    EXPECT_EQ(events.root.dump(), parsed->dump()) << ::testing::PrintToString(std::string(text));
    EXPECT_FALSE(events.viewsOutsideText);
}

TEST_P(StrictJson, ScanAgreesWithParse)
{
    expectSameScan(GetParam().text, {ErrorCategory::IdToken, "test document"});
    expectSameScan(GetParam().text, {ErrorCategory::Input, "JSON", false, 8});
}

std::string manyMembers(int count)
{
    std::string text = "{";
    for (int i = 0; i < count; ++i)
        text += "\"m" + std::to_string(i) + "\":" + std::to_string(i) + ",";
    return text;
}

struct DuplicateRow {
    const char *name;
    std::string text;
    const char *duplicate;
};
OIDCPLAY_PRINT_ROW_BY_NAME(DuplicateRow)

class FirstDuplicate : public ::testing::TestWithParam<DuplicateRow> {};

// The duplicate reported is the first one in document order, wherever it is nested; scanJson
// finds them when objects close (inner objects first), parseJson while inserting.
TEST_P(FirstDuplicate, ScanAndParseNameTheSame)
{
    const auto &row = GetParam();
    EventTree events(row.text);
    const auto scanned = scanJson(row.text, events);
    ASSERT_TRUE(failsWith(scanned, "JSON_DUPLICATE_NAME", ErrorCategory::Input));
    EXPECT_EQ(scanned.error().actual, row.duplicate);
    expectSameScan(row.text, {});
}

INSTANTIATE_TEST_SUITE_P(
    Rows, FirstDuplicate,
    ::testing::Values(DuplicateRow{"outer_before_inner", R"({"a":1,"a":2,"b":{"c":1,"c":2}})", "a"},
                      DuplicateRow{"inner_before_outer", R"({"b":{"c":1,"c":2},"a":1,"a":2})", "c"},
                      DuplicateRow{"inner_between_outer_pair", R"({"a":1,"b":{"c":1,"c":2},"a":2})", "c"},
                      DuplicateRow{"sibling_objects_second", R"([{"x":1},{"y":1,"y":2},{"z":1,"z":2}])", "y"},
                      DuplicateRow{"escaped_name", R"({"n\u00e9":1,"n\u00E9":2})", "n\xc3\xa9"},
                      DuplicateRow{"large_object_first_in_order", manyMembers(20) + R"("m5":1,"m3":2})", "m5"},
                      DuplicateRow{"large_object_three_times", manyMembers(20) + R"("m7":1,"m7":2})", "m7"},
                      DuplicateRow{"large_object_then_nested", manyMembers(20) + R"("m9":1,"z":{"q":1,"q":2}})", "m9"},
                      DuplicateRow{"nested_then_large_object", R"({"z":{"q":1,"q":2},)" + manyMembers(20).substr(1) + R"("m9":1})", "q"}),
    test::RowName{});

TEST(StrictJson, NulIsNotTheEnd)
{
    // nlohmann's parser treats a NUL byte as the end of input, so the old parseJson accepted
    // `{"sub":"alice"}\0{"sub":"admin"}` as {"sub":"alice"}: a parser differential a token could
    // exploit against verifiers that read the whole text. Strict parsing refuses it.
    static constexpr char kRaw[] = "{\"sub\":\"alice\"}\0{\"sub\":\"admin\"}";
    const std::string text(kRaw, sizeof kRaw - 1);
    EXPECT_TRUE(failsWith(parseJson(text), "JSON_SYNTAX", ErrorCategory::Input));
    EXPECT_TRUE(failsWith(parseJson(std::string("42\0", 3)), "JSON_SYNTAX", ErrorCategory::Input));
    EXPECT_TRUE(failsWith(parseJson(std::string("\"a\0b\"", 5)), "JSON_SYNTAX", ErrorCategory::Input));
    EXPECT_EQ(parseJson(R"("a\u0000b")")->get<std::string>(), std::string("a\0b", 3));
}

TEST(StrictJson, DuplicatesAllowedWhenAskedKeepTheLastValue)
{
    JsonParseOptions options;
    options.rejectDuplicateNames = false;
    auto parsed = parseJson(R"({"sub":"alice","sub":"admin"})", options);
    ASSERT_TRUE(test::succeeds(parsed));
    EXPECT_EQ((*parsed)["sub"], "admin");
}

TEST(StrictJson, DepthCapIsConfigurable)
{
    JsonParseOptions options;
    options.maxDepth = 3;
    EXPECT_TRUE(parseJson("[[[1]]]", options).ok());
    EXPECT_TRUE(failsWith(parseJson("[[[[1]]]]", options), "JSON_TOO_DEEP", ErrorCategory::Input));
}

TEST(StrictJson, ObjectRequired)
{
    for (const char *text : {"[]", "null", "\"text\"", "1"}) {
        auto parsed = parseJsonObject(text, {ErrorCategory::Token, "token response"});
        ASSERT_TRUE(failsWith(parsed, "JSON_NOT_OBJECT", ErrorCategory::Token)) << text;
    }
    EXPECT_TRUE(parseJsonObject("{}").ok());
    // The syntax error takes precedence over the shape.
    EXPECT_TRUE(failsWith(parseJsonObject("{\""), "JSON_SYNTAX", ErrorCategory::Input));
}

TEST(BoundedPreview, IsSingleLineAndBounded)
{
    EXPECT_EQ(boundedPreview("<html>\n<body>502</body>\r\n</html>"), "<html> <body>502</body>  </html>");
    EXPECT_EQ(boundedPreview(std::string("a\x01z", 3)), "a?z");
    const std::string longBody(1000, 'x');
    const std::string preview = boundedPreview(longBody);
    EXPECT_EQ(preview, std::string(200, 'x') + "…");
    EXPECT_EQ(boundedPreview("short", 5), "short");
    EXPECT_EQ(boundedPreview("", 5), "");
}

TEST(BoundedPreview, CountsCharactersAndNeverCutsOne)
{
    EXPECT_EQ(boundedPreview("abc\xc3\xa9xyz", 4), "abc\xc3\xa9…");
    EXPECT_EQ(boundedPreview("\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac", 2), "\xe2\x82\xac\xe2\x82\xac…");
    EXPECT_EQ(boundedPreview("\xf0\x9f\x98\x80", 1), "\xf0\x9f\x98\x80");
}

TEST(BoundedPreview, InvalidUtf8BecomesQuestionMarks)
{
    // Latin-1 text, a lone continuation byte, an overlong '/', a UTF-16 surrogate, a truncated sequence.
    EXPECT_EQ(boundedPreview("caf\xe9"), "caf?");
    EXPECT_EQ(boundedPreview("a\x80" "b"), "a?b");
    EXPECT_EQ(boundedPreview("\xc0\xaf"), "??");
    EXPECT_EQ(boundedPreview("\xed\xa0\x80"), "???");
    EXPECT_EQ(boundedPreview("ab\xe2\x82"), "ab??");
    EXPECT_EQ(boundedPreview("\xf4\x90\x80\x80"), "????"); // above U+10FFFF
    // Whatever the input, the preview can be serialised as JSON.
    std::string bytes;
    for (int i = 0; i < 256; ++i)
        bytes += static_cast<char>(i);
    EXPECT_NO_THROW(static_cast<void>(Json(boundedPreview(bytes, 1000)).dump()));
}

TEST(StrictJson, SyntaxErrorMessageIsBoundedAndValidUtf8)
{
    // nlohmann quotes the token it last read; here a 50 KB string ending in an invalid byte.
    const std::string text = "{\"a\":\"" + std::string(50000, 'x') + "\xff\"}";
    auto parsed = parseJson(text);
    ASSERT_TRUE(failsWith(parsed, "JSON_SYNTAX", ErrorCategory::Input));
    EXPECT_LT(parsed.error().message.size(), 400u);
    EXPECT_NO_THROW(static_cast<void>(Json(parsed.error().summary()).dump()));
}

} // namespace
} // namespace oidc

namespace oidc {
namespace {

struct NumberRow {
    const char *name;
    const char *text;
    Json::value_t type; // discarded: refused (JSON_SYNTAX)
    double value = 0;
};

class JsonNumbers : public ::testing::TestWithParam<NumberRow> {};

TEST_P(JsonNumbers, RFC8259_6)
{
    const auto &row = GetParam();
    auto parsed = parseJson(row.text);
    if (row.type == Json::value_t::discarded) {
        EXPECT_TRUE(failsWith(parsed, "JSON_SYNTAX", ErrorCategory::Input));
        return;
    }
    ASSERT_TRUE(test::succeeds(parsed));
    EXPECT_EQ(parsed->type(), row.type) << parsed->type_name();
    EXPECT_EQ(parsed->get<double>(), row.value);
}

constexpr auto kUnsigned = Json::value_t::number_unsigned;
constexpr auto kInteger = Json::value_t::number_integer;
constexpr auto kFloat = Json::value_t::number_float;
constexpr auto kRefused = Json::value_t::discarded;

INSTANTIATE_TEST_SUITE_P(
    Rows, JsonNumbers,
    ::testing::Values(NumberRow{"zero", "0", kUnsigned, 0}, NumberRow{"minus_zero", "-0", kInteger, 0},
                      NumberRow{"unsigned", "1700000000", kUnsigned, 1700000000}, NumberRow{"negative", "-5", kInteger, -5},
                      NumberRow{"uint64_max", "18446744073709551615", kUnsigned, 18446744073709551615.0},
                      NumberRow{"uint64_max_plus_1", "18446744073709551616", kFloat, 18446744073709551616.0},
                      NumberRow{"int64_min", "-9223372036854775808", kInteger, -9223372036854775808.0},
                      NumberRow{"int64_min_minus_1", "-9223372036854775809", kFloat, -9223372036854775809.0},
                      NumberRow{"fraction", "1.5", kFloat, 1.5}, NumberRow{"exponent", "15e-1", kFloat, 1.5},
                      NumberRow{"exponent_plus", "1.5E+3", kFloat, 1500}, NumberRow{"float_one", "1.0", kFloat, 1},
                      NumberRow{"underflow_is_zero", "1e-400", kFloat, 0}, NumberRow{"big_in_range", "1e300", kFloat, 1e300},
                      NumberRow{"overflow", "1e400", kRefused}, NumberRow{"overflow_negative", "-1e309", kRefused},
                      NumberRow{"overflow_many_digits", "123456789e305", kRefused}, NumberRow{"max_in_range", "179769313486231e294", kFloat, 1.79769313486231e308},
                      NumberRow{"leading_zero", "01", kRefused}, NumberRow{"minus_leading_zero", "-01", kRefused},
                      NumberRow{"trailing_point", "1.", kRefused}, NumberRow{"leading_point", ".5", kRefused},
                      NumberRow{"plus_sign", "+1", kRefused}, NumberRow{"bare_exponent", "1e", kRefused},
                      NumberRow{"exponent_sign_only", "1e+", kRefused}, NumberRow{"hex", "0x10", kRefused},
                      NumberRow{"nan", "NaN", kRefused}, NumberRow{"infinity", "Infinity", kRefused}, NumberRow{"minus", "-", kRefused},
                      NumberRow{"minus_letter", "-a", kRefused}),
    test::RowName{});

// Differential check against an independent parser (nlohmann's own, which parseJson no longer
// uses): on thousands of mutated documents both must accept or refuse the same inputs, and agree
// on every value and number type. Duplicate names are allowed here (nlohmann keeps the last).
bool sameTypes(const Json &a, const Json &b)
{
    if (a.type() != b.type() || a.size() != b.size())
        return false;
    if (a.is_object()) {
        for (auto it = a.begin(), jt = b.begin(); it != a.end(); ++it, ++jt)
            if (it.key() != jt.key() || !sameTypes(*it, *jt))
                return false;
    } else if (a.is_array()) {
        for (size_t i = 0; i < a.size(); ++i)
            if (!sameTypes(a[i], b[i]))
                return false;
    }
    return true;
}

TEST(StrictJsonDifferential, AgreesWithNlohmannOnMutatedDocuments)
{
    const std::vector<std::string> seeds = {
        R"({"iss":"https://issuer.example.com","sub":"24400320","aud":["s6BhdRkqt3","api"],"nonce":"n-0S6_WzA2Mj","exp":1311281970,"iat":-1311280970.5e-2,"email_verified":true,"x":null})",
        R"([0,-0,1.5e+3,18446744073709551615,-9223372036854775808,1E-400,"\u00e9\ud83d\ude00\n\"\\\/",{},[],[[]],{"a":{"b":[false]}}])",
        "{\"caf\xc3\xa9\":\"\xe2\x82\xac\xf0\x9f\x98\x80\",\"k\" : [ 1 , 2 ] }\r\n",
        R"({"a":1,"a":2,"b":{"c":3,"c":[4]}})",
        "\xEF\xBB\xBF{\"bom\":true}",
        R"("just a string")",
        "  42  ",
    };
    const std::string alphabet = std::string("{}[]\",:\\/ tfnrue0123456789.-+eEuaD8") + std::string("\x00\x1f\x7f\x80\xbf\xc0\xc3\xe0\xed\xf0\xf4\xff", 12);
    uint64_t state = 0x9E3779B97F4A7C15ull;
    const auto next = [&] {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    };
    JsonParseOptions lenient;
    lenient.rejectDuplicateNames = false;
    size_t accepted = 0;
    size_t refused = 0;
    for (int round = 0; round < 40000; ++round) {
        std::string text = seeds[next() % seeds.size()];
        const int mutations = static_cast<int>(next() % 3);
        for (int m = 0; m < mutations && !text.empty(); ++m) {
            const size_t at = next() % text.size();
            switch (next() % 5) {
            case 0: text[at] = alphabet[next() % alphabet.size()]; break;
            case 1: text.insert(at, 1, alphabet[next() % alphabet.size()]); break;
            case 2: text.erase(at, 1); break;
            case 3: text.insert(at, text.substr(at, next() % 8)); break;
            default: text.resize(at); break;
            }
        }
        if (text.find('\0') != std::string::npos)
            continue; // nlohmann stops at a NUL byte and ignores the rest (see NulIsNotTheEnd)
        const Json reference = Json::parse(text, nullptr, false);
        auto ours = parseJson(text, lenient);
        expectSameScan(text, lenient);
        expectSameScan(text, {});
        ASSERT_EQ(ours.ok(), !reference.is_discarded())
            << "input: " << ::testing::PrintToString(text) << "\nours: " << (ours.ok() ? ours->dump() : ours.error().summary());
        if (!ours.ok()) {
            ++refused;
            EXPECT_EQ(ours.error().code, "JSON_SYNTAX") << ::testing::PrintToString(text);
            continue;
        }
        ++accepted;
        ASSERT_EQ(ours->dump(), reference.dump()) << ::testing::PrintToString(text);
        ASSERT_TRUE(sameTypes(*ours, reference)) << ::testing::PrintToString(text);
    }
    // Both outcomes must be well represented, or the comparison proves little.
    EXPECT_GT(accepted, 5000u);
    EXPECT_GT(refused, 5000u);
}

} // namespace
} // namespace oidc
