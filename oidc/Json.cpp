#include "Json.h"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cstddef>
#include <cstring>
#include <cstdint>
#include <list>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace oidc {

namespace {

// Length of the well-formed UTF-8 sequence at text[i] (RFC 3629 §4), or 0 when it is not one.
size_t utf8SequenceLength(std::string_view text, size_t i)
{
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    if (lead < 0x80)
        return 1;
    size_t length = 0;
    unsigned char low = 0x80;  // range of the second byte, narrowed to refuse overlong forms,
    unsigned char high = 0xBF; // surrogates and code points above U+10FFFF
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0)
            low = 0xA0;
        if (lead == 0xED)
            high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0)
            low = 0x90;
        if (lead == 0xF4)
            high = 0x8F;
    } else {
        return 0;
    }
    if (i + length > text.size() || byte(i + 1) < low || byte(i + 1) > high)
        return 0;
    for (size_t k = 2; k < length; ++k)
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF)
            return 0;
    return length;
}

// Where the parser puts what it reads. TreeSink builds nlohmann::json; EventSink tells a
// JsonEvents and finds duplicate names itself. A Container is what the sink keeps per open
// object or array.
class TreeSink final {
public:
    using Container = Json *;

    explicit TreeSink(Json &root) : m_slot(&root) {}

    Container open(bool isObject)
    {
        *m_slot = isObject ? Json::object() : Json::array();
        return m_slot;
    }
    void close(Container, bool) {}

    void member(Container object, std::string_view name, bool)
    {
        auto &members = object->get_ref<Json::object_t &>();
        // Hinted at the end: members written in sorted order (nlohmann's and Go's encoders sort
        // them) are appended after one comparison; any other order costs one comparison more
        // than a plain insertion. A duplicate leaves the size unchanged.
        const size_t before = members.size();
        const auto it = members.try_emplace(members.end(), std::string(name));
        if (members.size() == before) {
            // RFC 7519 §4 / RFC 7515 §5.2: reject (default), or keep the last value consistently.
            if (!m_duplicate)
                m_duplicate = it->first;
            it->second = Json();
        }
        m_slot = &it->second;
    }

    void element(Container array)
    {
        auto &elements = array->get_ref<Json::array_t &>();
        // Arrays in tokens are short (aud, amr, roles): room for four at once instead of growing
        // one, two, four.
        if (elements.empty())
            elements.reserve(4);
        m_slot = &elements.emplace_back();
    }

    void string(std::string_view value, bool) { *m_slot = std::string(value); }
    void scalar(Json value) { *m_slot = std::move(value); }

    [[nodiscard]] const std::optional<std::string> &duplicate() const { return m_duplicate; }

private:
    Json *m_slot; // where the next value goes
    std::optional<std::string> m_duplicate;
};

class EventSink final {
public:
    using Container = size_t; // where an object's names start in m_names

    EventSink(JsonEvents &events, bool findDuplicates) : m_events(events), m_findDuplicates(findDuplicates) {}

    Container open(bool isObject)
    {
        if (isObject)
            m_events.beginObject();
        else
            m_events.beginArray();
        return m_names.size();
    }

    void close(Container start, bool isObject)
    {
        if (isObject && m_findDuplicates) {
            findDuplicate(start);
            m_names.truncate(start);
        }
        m_events.end();
    }

    void member(Container, std::string_view name, bool escaped)
    {
        if (m_findDuplicates) {
            if (escaped) // the scratch buffer is reused: a decoded name needs a copy of its own
                name = m_decodedNames.emplace_back(name);
            m_names.push({name, m_memberCount});
        }
        ++m_memberCount;
        m_events.name(name);
    }

    void element(Container) {}
    void string(std::string_view value, bool escaped) { m_events.string(value, escaped); }
    void scalar(const Json &value) { m_events.scalar(value); }

    [[nodiscard]] const std::optional<std::string> &duplicate() const { return m_duplicate; }

private:
    struct Name final {
        std::string_view text;
        size_t order = 0; // the how-many-th member of the document
    };

    // The names of the open objects: those of a token's header or payload fit inline (no
    // allocation); a document with more moves them all to the heap once.
    class NameStack final {
    public:
        [[nodiscard]] Name *begin() { return m_onHeap ? m_heap.data() : m_inline.data(); }
        [[nodiscard]] Name *end() { return begin() + size(); }
        [[nodiscard]] size_t size() const { return m_onHeap ? m_heap.size() : m_size; }
        void push(Name name)
        {
            if (!m_onHeap && m_size < kInline) {
                m_inline[m_size++] = name;
                return;
            }
            if (!m_onHeap) {
                m_heap.assign(m_inline.begin(), m_inline.end());
                m_onHeap = true;
            }
            m_heap.push_back(name);
        }
        void truncate(size_t size)
        {
            if (m_onHeap)
                m_heap.resize(size);
            else
                m_size = size;
        }

    private:
        static constexpr size_t kInline = 32;
        std::array<Name, kInline> m_inline{};
        std::vector<Name> m_heap;
        size_t m_size = 0;
        bool m_onHeap = false;
    };

    static bool sameName(std::string_view a, std::string_view b)
    {
        // Most names differ in length or in their first byte: no call to memcmp for those.
        return a.size() == b.size() && (a.empty() || (a.front() == b.front() && a == b));
    }

    // TreeSink reports the duplicate met first while reading; here objects are checked when
    // they close (inner ones first), so each object's earliest duplicate competes by its order.
    void findDuplicate(size_t start)
    {
        Name *const first = m_names.begin() + start;
        Name *const last = m_names.end();
        std::optional<size_t> found; // order of the object's earliest duplicate
        std::string_view foundName;
        if (last - first <= 16) {
            // The usual JWT object: a few names, compared pairwise in document order.
            for (auto j = first + 1; j < last && !found; ++j)
                for (auto i = first; i < j; ++i)
                    if (sameName(i->text, j->text)) {
                        found = j->order;
                        foundName = j->text;
                        break;
                    }
        } else {
            // Many names: sorted by name (stably, so equal names stay in document order), each
            // group's second member is that name's first duplicate.
            m_sorted.assign(first, last);
            std::stable_sort(m_sorted.begin(), m_sorted.end(), [](const Name &a, const Name &b) { return a.text < b.text; });
            for (size_t k = 1; k < m_sorted.size(); ++k)
                if (m_sorted[k].text == m_sorted[k - 1].text && (k < 2 || m_sorted[k - 2].text != m_sorted[k].text)
                    && (!found || m_sorted[k].order < *found)) {
                    found = m_sorted[k].order;
                    foundName = m_sorted[k].text;
                }
        }
        if (found && (!m_duplicateOrder || *found < *m_duplicateOrder)) {
            m_duplicateOrder = found;
            m_duplicate = std::string(foundName);
        }
    }

    JsonEvents &m_events;
    bool m_findDuplicates;
    size_t m_memberCount = 0;
    NameStack m_names;                      // the names of every open object, outermost first
    std::vector<Name> m_sorted;
    std::list<std::string> m_decodedNames;  // names that had escapes (stable addresses, no allocation until used)
    std::optional<size_t> m_duplicateOrder;
    std::optional<std::string> m_duplicate;
};

// A strict RFC 8259 parser that builds nlohmann::json directly (TreeSink) or reports events
// (EventSink: scanJson, decodeJwt's parse of every JWT header and payload). It replaces
// nlohmann's callback parser on the hot path: one pass, no std::function per event, an explicit
// stack instead of recursion (the depth cap is enforced before anything is allocated), strings
// handed over as views into the text unless they have escapes, and the same value types
// nlohmann produces (non-negative integers as number_unsigned, negative ones as number_integer,
// the rest double). Both sinks hear the same grammar and give the same errors.
template <typename Sink>
class StrictParser final {
public:
    StrictParser(std::string_view text, const JsonParseOptions &options, Sink &sink) : m_text(text), m_options(options), m_sink(sink) {}

    Status parse()
    {
        // nlohmann skips a UTF-8 byte order mark (RFC 8259 §8.1 allows ignoring one); so do we.
        if (m_text.substr(0, 3) == "\xEF\xBB\xBF")
            m_pos = 3;
        if (!parseDocument()) {
            if (m_tooDeep)
                return makeError(m_options.category, "JSON_TOO_DEEP",
                                 what() + " nests deeper than " + std::to_string(m_options.maxDepth) + " levels");
            return makeError(m_options.category, "JSON_SYNTAX",
                             what() + " is not valid JSON: " + m_reason + " at offset " + std::to_string(m_errorAt));
        }
        // A duplicate is reported only for a document that is otherwise valid, as before.
        if (const auto &duplicate = m_sink.duplicate(); duplicate && m_options.rejectDuplicateNames)
            return makeError(m_options.category, "JSON_DUPLICATE_NAME",
                             what() + " has the member name \"" + boundedPreview(*duplicate, 100) + "\" more than once", "unique names",
                             *duplicate);
        return {};
    }

private:
    struct Frame {
        typename Sink::Container container{};
        bool isObject = false;
    };

    std::string what() const { return std::string(m_options.what); }

    bool fail(std::string reason)
    {
        if (m_reason.empty()) {
            m_reason = std::move(reason);
            m_errorAt = m_pos;
        }
        return false;
    }

    bool failUnexpected()
    {
        if (m_pos >= m_text.size())
            return fail("unexpected end of input");
        const unsigned char c = static_cast<unsigned char>(m_text[m_pos]);
        if (c >= 0x20 && c < 0x7F)
            return fail(std::string("unexpected character '") + static_cast<char>(c) + "'");
        static constexpr char kHex[] = "0123456789abcdef";
        return fail(std::string("unexpected byte 0x") + kHex[c >> 4] + kHex[c & 15]);
    }

    void skipWhitespace()
    {
        while (m_pos < m_text.size()) {
            const auto c = static_cast<unsigned char>(m_text[m_pos]);
            // Most documents (every JWT we issue or receive) have no whitespace at all: anything
            // above ' ' ends the run in one comparison.
            if (c > ' ' || (c != ' ' && c != '\n' && c != '\r' && c != '\t'))
                return;
            ++m_pos;
        }
    }

    bool consume(char expected)
    {
        skipWhitespace();
        if (m_pos < m_text.size() && m_text[m_pos] == expected) {
            ++m_pos;
            return true;
        }
        return failUnexpected();
    }

    // The open containers. JWT headers and claims rarely nest more than a few levels: the first
    // levels live inline, deeper ones spill to the heap.
    class FrameStack final {
    public:
        [[nodiscard]] bool empty() const { return m_size == 0; }
        [[nodiscard]] size_t size() const { return m_size; }
        Frame &back() { return m_size <= kInline ? m_inline[m_size - 1] : m_spill[m_size - kInline - 1]; }
        void push_back(Frame frame)
        {
            if (m_size < kInline)
                m_inline[m_size] = frame;
            else
                m_spill.push_back(frame);
            ++m_size;
        }
        void pop_back()
        {
            if (m_size > kInline)
                m_spill.pop_back();
            --m_size;
        }

    private:
        static constexpr size_t kInline = 16;
        std::array<Frame, kInline> m_inline{};
        std::vector<Frame> m_spill;
        size_t m_size = 0;
    };

    bool parseDocument()
    {
        FrameStack stack;
        for (;;) {
            // A value: the sink knows where it goes.
            skipWhitespace();
            if (m_pos >= m_text.size())
                return failUnexpected();
            const char c = m_text[m_pos];
            if (c == '{' || c == '[') {
                if (stack.size() >= static_cast<size_t>(std::max(m_options.maxDepth, 0))) {
                    m_tooDeep = true;
                    return false;
                }
                ++m_pos;
                const bool isObject = c == '{';
                stack.push_back({m_sink.open(isObject), isObject});
                skipWhitespace();
                if (m_pos < m_text.size() && m_text[m_pos] == (isObject ? '}' : ']')) {
                    ++m_pos;
                    m_sink.close(stack.back().container, isObject);
                    stack.pop_back();
                } else {
                    if (!(isObject ? member(stack.back().container) : element(stack.back().container)))
                        return false;
                    continue;
                }
            } else if (!parseScalar()) {
                return false;
            }
            // After a complete value: close containers or move on to the next member / element.
            for (;;) {
                skipWhitespace();
                if (stack.empty()) {
                    if (m_pos != m_text.size())
                        return fail("unexpected data after the value");
                    return true;
                }
                const Frame top = stack.back();
                if (m_pos >= m_text.size())
                    return failUnexpected();
                const char next = m_text[m_pos];
                if (next == ',') {
                    ++m_pos;
                    if (!(top.isObject ? member(top.container) : element(top.container)))
                        return false;
                    break;
                }
                if (next == (top.isObject ? '}' : ']')) {
                    ++m_pos;
                    m_sink.close(top.container, top.isObject);
                    stack.pop_back();
                    continue;
                }
                return failUnexpected();
            }
        }
    }

    // `"name" :` inside an object; the sink readies the slot for its value.
    bool member(typename Sink::Container object)
    {
        skipWhitespace();
        if (m_pos >= m_text.size() || m_text[m_pos] != '"')
            return failUnexpected();
        std::string_view name;
        bool escaped = false;
        if (!parseString(name, escaped) || !consume(':'))
            return false;
        m_sink.member(object, name, escaped);
        return true;
    }

    bool element(typename Sink::Container array)
    {
        m_sink.element(array);
        return true;
    }

    bool parseScalar()
    {
        const char c = m_text[m_pos];
        if (c == '"') {
            std::string_view text;
            bool escaped = false;
            if (!parseString(text, escaped))
                return false;
            m_sink.string(text, escaped);
            return true;
        }
        if (c == '-' || (c >= '0' && c <= '9'))
            return parseNumber();
        if (m_text.substr(m_pos, 4) == "true") {
            m_pos += 4;
            m_sink.scalar(Json(true));
            return true;
        }
        if (m_text.substr(m_pos, 5) == "false") {
            m_pos += 5;
            m_sink.scalar(Json(false));
            return true;
        }
        if (m_text.substr(m_pos, 4) == "null") {
            m_pos += 4;
            m_sink.scalar(Json(nullptr));
            return true;
        }
        return failUnexpected();
    }

    static int hexDigit(char c)
    {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    }

    // Four hex digits after "\u".
    bool parseHex4(uint32_t &value)
    {
        if (m_pos + 4 > m_text.size())
            return fail("truncated \\u escape");
        value = 0;
        for (int i = 0; i < 4; ++i) {
            const int digit = hexDigit(m_text[m_pos + static_cast<size_t>(i)]);
            if (digit < 0)
                return fail("invalid \\u escape");
            value = value << 4 | static_cast<uint32_t>(digit);
        }
        m_pos += 4;
        return true;
    }

    static void appendUtf8(std::string &out, uint32_t cp)
    {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | cp >> 6);
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | cp >> 12);
            out += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | cp >> 18);
            out += static_cast<char>(0x80 | (cp >> 12 & 0x3F));
            out += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }

    // Skips plain string bytes (printable ASCII other than '"' and '\\') eight at a time: most of
    // a token's text is such runs. Stops at the first other byte, or before the last < 8 bytes,
    // which parseString's byte loop handles. The lowest set bit of each test marks exactly the
    // first matching byte (borrows only run upwards: Hacker's Delight §6-1, "Find First 0-Byte").
    void skipPlainWords()
    {
        constexpr uint64_t kOnes = 0x0101010101010101ULL;
        constexpr uint64_t kHigh = 0x8080808080808080ULL;
        const auto hasZeroByte = [](uint64_t word) { return (word - kOnes) & ~word & kHigh; };
        while (m_text.size() - m_pos >= 8) {
            uint64_t word = 0;
            std::memcpy(&word, m_text.data() + m_pos, sizeof word);
            const uint64_t special = (word & kHigh)                   // non-ASCII: validated as UTF-8 below
                | ((word - kOnes * 0x20) & ~word & kHigh)             // control characters (< 0x20)
                | hasZeroByte(word ^ (kOnes * '"')) | hasZeroByte(word ^ (kOnes * '\\'));
            if (special != 0) {
                if constexpr (std::endian::native == std::endian::little)
                    m_pos += static_cast<size_t>(std::countr_zero(special) / 8);
                return;
            }
            m_pos += 8;
        }
    }

    // RFC 8259 §7: at m_pos is the opening quote. Raw text must be well-formed UTF-8 without
    // control characters; escapes are decoded, surrogate pairs joined, lone surrogates refused.
    // `out` is the string's text in m_text when it has no escapes (`escaped` false), else the
    // decoded value in m_scratch, valid until the next string.
    bool parseString(std::string_view &out, bool &escaped)
    {
        ++m_pos;
        const size_t start = m_pos;
        size_t runStart = m_pos;
        escaped = false;
        for (;;) {
            skipPlainWords();
            if (m_pos >= m_text.size())
                return fail("unterminated string");
            const unsigned char c = static_cast<unsigned char>(m_text[m_pos]);
            if (c == '"') {
                if (escaped) {
                    m_scratch.append(m_text.substr(runStart, m_pos - runStart));
                    out = m_scratch;
                } else {
                    out = m_text.substr(start, m_pos - start);
                }
                ++m_pos;
                return true;
            }
            if (c == '\\') {
                if (!escaped)
                    m_scratch.clear();
                escaped = true;
                m_scratch.append(m_text.substr(runStart, m_pos - runStart));
                if (!parseEscape(m_scratch))
                    return false;
                runStart = m_pos;
                continue;
            }
            if (c < 0x20)
                return fail("control character in a string (must be escaped)");
            if (c < 0x80) {
                ++m_pos;
                continue;
            }
            const size_t length = utf8SequenceLength(m_text, m_pos);
            if (length == 0)
                return fail("invalid UTF-8 in a string");
            m_pos += length;
        }
    }

    bool parseEscape(std::string &out)
    {
        ++m_pos; // the backslash
        if (m_pos >= m_text.size())
            return fail("unterminated string");
        const char c = m_text[m_pos++];
        switch (c) {
        case '"': out += '"'; return true;
        case '\\': out += '\\'; return true;
        case '/': out += '/'; return true;
        case 'b': out += '\b'; return true;
        case 'f': out += '\f'; return true;
        case 'n': out += '\n'; return true;
        case 'r': out += '\r'; return true;
        case 't': out += '\t'; return true;
        case 'u': break;
        default: --m_pos; return fail("invalid escape in a string");
        }
        uint32_t cp = 0;
        if (!parseHex4(cp))
            return false;
        if (cp >= 0xDC00 && cp <= 0xDFFF)
            return fail("lone low surrogate in a \\u escape");
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (m_text.substr(m_pos, 2) != "\\u")
                return fail("high surrogate without its low surrogate");
            m_pos += 2;
            uint32_t low = 0;
            if (!parseHex4(low))
                return false;
            if (low < 0xDC00 || low > 0xDFFF)
                return fail("high surrogate without its low surrogate");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        appendUtf8(out, cp);
        return true;
    }

    // RFC 8259 §6: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
    bool parseNumber()
    {
        const size_t start = m_pos;
        const auto digits = [&] {
            const size_t from = m_pos;
            while (m_pos < m_text.size() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9')
                ++m_pos;
            return m_pos - from;
        };
        const bool negative = m_text[m_pos] == '-';
        if (negative)
            ++m_pos;
        const size_t intStart = m_pos;
        const size_t intDigits = digits();
        if (intDigits == 0)
            return failUnexpected();
        if (intDigits > 1 && m_text[intStart] == '0') {
            m_pos = intStart + 1;
            return fail("leading zero in a number");
        }
        bool integral = true;
        if (m_pos < m_text.size() && m_text[m_pos] == '.') {
            ++m_pos;
            integral = false;
            if (digits() == 0)
                return failUnexpected();
        }
        if (m_pos < m_text.size() && (m_text[m_pos] == 'e' || m_text[m_pos] == 'E')) {
            ++m_pos;
            integral = false;
            if (m_pos < m_text.size() && (m_text[m_pos] == '+' || m_text[m_pos] == '-'))
                ++m_pos;
            if (digits() == 0)
                return failUnexpected();
        }
        const char *first = m_text.data() + start;
        const char *last = m_text.data() + m_pos;
        if (integral) {
            uint64_t magnitude = 0;
            const auto [end, ec] = std::from_chars(first + (negative ? 1 : 0), last, magnitude);
            if (ec == std::errc() && end == last) {
                if (!negative) {
                    m_sink.scalar(Json(static_cast<Json::number_unsigned_t>(magnitude)));
                    return true;
                }
                if (magnitude <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) + 1) {
                    m_sink.scalar(Json(static_cast<Json::number_integer_t>(0 - magnitude))); // two's complement, exact
                    return true;
                }
            }
            // Too large for a 64-bit integer: a double, as nlohmann does.
        }
        double value = 0;
        const auto [end, ec] = std::from_chars(first, last, value);
        if (ec == std::errc::result_out_of_range) {
            // Like nlohmann (out_of_range.406): a number beyond double's range is refused; one
            // too small to represent reads as zero, as strtod gives.
            if (overflows(start))
                return fail("number out of range");
            value = negative ? -0.0 : 0.0;
        } else if (ec != std::errc() || end != last) {
            return fail("invalid number");
        }
        m_sink.scalar(Json(value));
        return true;
    }

    // For a number std::from_chars found out of range: true when it is too large, false when too
    // small. Decides by the decimal exponent of the first significant digit.
    bool overflows(size_t start) const
    {
        int64_t exponent = 0;
        int64_t position = 0; // decimal position of the first significant digit
        bool seenDigit = false;
        bool afterPoint = false;
        size_t i = start;
        for (; i < m_pos && m_text[i] != 'e' && m_text[i] != 'E'; ++i) {
            const char c = m_text[i];
            if (c == '.') {
                afterPoint = true;
            } else if (c >= '0' && c <= '9') {
                if (!seenDigit) {
                    // Leading zeros before the point do not count; after it each one, and the
                    // first significant digit itself, moves the value one decade down.
                    if (afterPoint)
                        --position;
                    seenDigit = c != '0';
                } else if (!afterPoint) {
                    ++position;
                }
            }
        }
        if (i < m_pos) {
            const char *begin = m_text.data() + i + 1;
            if (*begin == '+')
                ++begin;
            int64_t parsed = 0;
            if (std::from_chars(begin, m_text.data() + m_pos, parsed).ec != std::errc())
                parsed = *begin == '-' ? std::numeric_limits<int32_t>::min() : std::numeric_limits<int32_t>::max();
            exponent = parsed;
        }
        return seenDigit && position + exponent > 0;
    }

    std::string_view m_text;
    const JsonParseOptions &m_options;
    Sink &m_sink;
    size_t m_pos = 0;
    bool m_tooDeep = false;
    std::string m_reason;
    size_t m_errorAt = 0;
    std::string m_scratch; // the decoded text of a string with escapes
};

} // namespace

Result<Json> parseJson(std::string_view text, const JsonParseOptions &options)
{
    Json root;
    TreeSink sink(root);
    if (auto parsed = StrictParser<TreeSink>(text, options, sink).parse(); !parsed)
        return parsed.error();
    return root;
}

Status scanJson(std::string_view text, JsonEvents &events, const JsonParseOptions &options)
{
    EventSink sink(events, options.rejectDuplicateNames);
    return StrictParser<EventSink>(text, options, sink).parse();
}

Result<Json> parseJsonObject(std::string_view text, const JsonParseOptions &options)
{
    auto parsed = parseJson(text, options);
    if (!parsed)
        return parsed;
    if (!parsed->is_object())
        return makeError(options.category, "JSON_NOT_OBJECT",
                         std::string(options.what) + " must be a JSON object", "object", std::string(parsed->type_name()));
    return parsed;
}

std::string boundedPreview(std::string_view body, size_t maxChars)
{
    // Counts characters, not bytes, and never cuts a UTF-8 sequence: invalid bytes become '?',
    // so the preview is always valid UTF-8 (QString and nlohmann's dump() both rely on that).
    std::string out;
    out.reserve(std::min(body.size(), maxChars) + 3);
    size_t i = 0;
    for (size_t chars = 0; i < body.size() && chars < maxChars; ++chars) {
        const unsigned char c = static_cast<unsigned char>(body[i]);
        if (c == '\n' || c == '\r' || c == '\t') {
            out += ' ';
        } else if (c < 0x20 || c == 0x7F) {
            out += '?';
        } else if (const size_t length = utf8SequenceLength(body, i); length == 0) {
            out += '?';
        } else {
            out.append(body.substr(i, length));
            i += length;
            continue;
        }
        ++i;
    }
    if (i < body.size())
        out += "…";
    return out;
}

} // namespace oidc
