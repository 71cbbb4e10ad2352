// [SECTION] Value: construction, copying, reading
// [SECTION] Objects and arrays
// [SECTION] Numbers as text
// [SECTION] Strings as text (UTF-8 checked)
// [SECTION] dump
// [SECTION] Parser
#include "core/json.hpp"

#include <algorithm>
#include <cfloat>
#include <charconv>
#include <clocale>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <unordered_set>

namespace gf::json {

// -----------------------------------------------------------------------------------------------
// [SECTION] Value: construction, copying, reading
// -----------------------------------------------------------------------------------------------

Value::Value(const char* s) : type_(Type::string) { s_ = new std::string(s); }
Value::Value(std::string_view s) : type_(Type::string) { s_ = new std::string(s); }
Value::Value(std::string s) : type_(Type::string) { s_ = new std::string(std::move(s)); }

Value Value::array()
{
    Value v;
    v.type_ = Type::array;
    v.a_ = new Array();
    return v;
}

Value Value::array(std::initializer_list<Value> items)
{
    Value v = array();
    v.a_->assign(items.begin(), items.end());
    return v;
}

Value Value::array(Array items)
{
    Value v = array();
    v.a_->swap(items);
    return v;
}

Value Value::object(Object members, Order order)
{
    Value v = object(order);
    v.o_->swap(members);
    return v;
}

Value Value::object(Order order)
{
    Value v;
    v.type_ = Type::object;
    v.sorted_ = order == Order::sorted;
    v.o_ = new Object();
    return v;
}

Value Value::object(std::initializer_list<Member> members, Order order)
{
    Value v = object(order);
    for (const Member& m : members) v[m.first] = m.second;
    return v;
}

Value::Value(const Value& other) : type_(other.type_), sorted_(other.sorted_)
{
    switch (type_) {
    case Type::string: s_ = new std::string(*other.s_); break;
    case Type::array: a_ = new Array(*other.a_); break;
    case Type::object: o_ = new Object(*other.o_); break;
    default: u_ = other.u_; // the widest scalar: copies whichever is there
    }
}

Value::Value(Value&& other) noexcept : type_(other.type_), sorted_(other.sorted_)
{
    u_ = other.u_; // a pointer or a scalar: the bits move
    other.type_ = Type::null;
}

Value& Value::operator=(const Value& other)
{
    if (this != &other) *this = Value(other);
    return *this;
}

Value& Value::operator=(Value&& other) noexcept
{
    if (this != &other) {
        destroy();
        type_ = other.type_;
        sorted_ = other.sorted_;
        u_ = other.u_;
        other.type_ = Type::null;
    }
    return *this;
}

Value::~Value() { destroy(); }

void Value::destroy() noexcept
{
    switch (type_) {
    case Type::string: delete s_; break;
    case Type::array: delete a_; break;
    case Type::object: delete o_; break;
    default: break;
    }
    type_ = Type::null;
}

namespace {
[[noreturn]] void wrong_type(const char* wanted) { throw TypeError(std::string("JSON value is not ") + wanted); }
} // namespace

bool Value::as_bool() const
{
    if (type_ != Type::boolean) wrong_type("true/false");
    return b_;
}

double Value::as_double() const
{
    switch (type_) {
    case Type::integer: return double(i_);
    case Type::unsigned_integer: return double(u_);
    case Type::floating: return d_;
    default: wrong_type("a number");
    }
}

std::int64_t Value::as_int64() const
{
    switch (type_) {
    case Type::integer: return i_;
    case Type::unsigned_integer: return std::int64_t(u_);
    case Type::floating:
        // A double outside int64's range has no int64 (a cast would be undefined): clamp.
        if (!(d_ >= -9223372036854775808.0)) return std::numeric_limits<std::int64_t>::min();
        if (d_ >= 9223372036854775808.0) return std::numeric_limits<std::int64_t>::max();
        return std::int64_t(d_);
    default: wrong_type("a number");
    }
}

std::uint64_t Value::as_uint64() const
{
    switch (type_) {
    case Type::integer: return std::uint64_t(i_);
    case Type::unsigned_integer: return u_;
    case Type::floating:
        if (!(d_ >= 0)) return 0;
        if (d_ >= 18446744073709551616.0) return std::numeric_limits<std::uint64_t>::max();
        return std::uint64_t(d_);
    default: wrong_type("a number");
    }
}

const std::string& Value::as_string() const
{
    if (type_ != Type::string) wrong_type("a string");
    return *s_;
}

bool operator==(const Value& a, const Value& b)
{
    if (a.is_number() && b.is_number()) {
        if (a.is_number_integer() && b.is_number_integer()) {
            const bool an = a.type_ == Type::integer && a.i_ < 0, bn = b.type_ == Type::integer && b.i_ < 0;
            return an == bn && a.u_ == b.u_; // same sign, same bits
        }
        return a.as_double() == b.as_double();
    }
    if (a.type_ != b.type_) return false;
    switch (a.type_) {
    case Type::null: return true;
    case Type::boolean: return a.b_ == b.b_;
    case Type::string: return *a.s_ == *b.s_;
    case Type::array: return *a.a_ == *b.a_;
    case Type::object: {
        if (a.o_->size() != b.o_->size()) return false;
        for (const Member& m : *a.o_) {
            const Value* other = b.find(m.first);
            if (!other || !(*other == m.second)) return false;
        }
        return true;
    }
    default: return false;
    }
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Objects and arrays
// -----------------------------------------------------------------------------------------------

const Array& Value::elements() const
{
    static const Array none;
    return type_ == Type::array ? *a_ : none;
}

const Object& Value::members() const
{
    static const Object none;
    return type_ == Type::object ? *o_ : none;
}

std::size_t Value::size() const
{
    switch (type_) {
    case Type::null: return 0;
    case Type::array: return a_->size();
    case Type::object: return o_->size();
    default: return 1;
    }
}

const Value& Value::operator[](std::size_t i) const
{
    static const Value null;
    return type_ == Type::array && i < a_->size() ? (*a_)[i] : null;
}

Array& Value::mutable_array()
{
    if (type_ == Type::null) *this = array();
    if (type_ != Type::array) wrong_type("an array");
    return *a_;
}

Object& Value::mutable_object()
{
    if (type_ == Type::null) *this = object();
    if (type_ != Type::object) wrong_type("an object");
    return *o_;
}

void Value::push_back(Value v) { mutable_array().push_back(std::move(v)); }

namespace {
bool key_less(const Member& m, std::string_view key) { return std::string_view(m.first) < key; }
} // namespace

const Value* Value::find(std::string_view key) const
{
    if (type_ != Type::object) return nullptr;
    if (sorted_) {
        auto it = std::lower_bound(o_->begin(), o_->end(), key, key_less);
        return it != o_->end() && it->first == key ? &it->second : nullptr;
    }
    for (const Member& m : *o_)
        if (m.first == key) return &m.second;
    return nullptr;
}

const Value& Value::operator[](std::string_view key) const
{
    static const Value null;
    const Value* v = find(key);
    return v ? *v : null;
}

Value& Value::operator[](std::string_view key)
{
    Object& o = mutable_object();
    if (sorted_) {
        auto it = std::lower_bound(o.begin(), o.end(), key, key_less);
        if (it == o.end() || it->first != key) it = o.emplace(it, std::string(key), Value());
        return it->second;
    }
    for (Member& m : o)
        if (m.first == key) return m.second;
    o.emplace_back(std::string(key), Value());
    return o.back().second;
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Numbers as text
// -----------------------------------------------------------------------------------------------

namespace {

// The decimal point of the C library's current locale: "C" gives '.', but an embedding program
// may have called setlocale, and strtod/snprintf follow it.
char locale_point()
{
    const char* p = std::localeconv()->decimal_point;
    return p && *p ? *p : '.';
}

double read_double(std::string s)
{
    if (const char point = locale_point(); point != '.') std::replace(s.begin(), s.end(), '.', point);
    return std::strtod(s.c_str(), nullptr);
}

} // namespace

std::string format_double(double d)
{
    if (!std::isfinite(d)) return "null";
    if (d == 0) return std::signbit(d) ? "-0.0" : "0.0";
    // Digits: the fewest significant ones that read back to d. A normal double is unique to its
    // 15-digit decimal (DBL_DIG), so when 15 read back, dropping trailing zeros gives the
    // shortest; past that, the correctly rounded 16 or 17 are the closest of their length. A
    // subnormal holds fewer bits, so every length is tried from 1.
    char buf[40];
    const char point = locale_point();
    for (int precision = std::fabs(d) < DBL_MIN ? 1 : 15; precision <= 17; ++precision) {
        std::snprintf(buf, sizeof buf, "%.*e", precision - 1, d);
        if (point != '.')
            if (char* p = std::strchr(buf, point)) *p = '.';
        if (precision == 17 || read_double(buf) == d) break;
    }
    // buf is "-d.ddddde±XX": collect the digits and the exponent.
    const char* p = buf;
    std::string out;
    if (*p == '-') {
        out += '-';
        ++p;
    }
    std::string digits;
    for (; *p && *p != 'e'; ++p)
        if (*p != '.') digits += *p;
    const int exponent = std::atoi(p + 1);
    while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
    // Spelled as nlohmann/json spelled it (to_chars of its Grisu2): with the decimal point at n
    // digits from the left, plain notation for -4 < n <= 15 — "1000000.0", "0.001" — and
    // otherwise d.ddde±XX with at least two exponent digits.
    const int k = int(digits.size()), n = exponent + 1;
    if (k <= n && n <= 15) {
        out += digits;
        out.append(std::size_t(n - k), '0');
        out += ".0";
    } else if (0 < n && n <= 15) {
        out.append(digits, 0, std::size_t(n));
        out += '.';
        out.append(digits, std::size_t(n), std::string::npos);
    } else if (-4 < n && n <= 0) {
        out += "0.";
        out.append(std::size_t(-n), '0');
        out += digits;
    } else {
        out += digits[0];
        if (k > 1) {
            out += '.';
            out.append(digits, 1, std::string::npos);
        }
        const int e = n - 1;
        out += e < 0 ? "e-" : "e+";
        const int a = e < 0 ? -e : e;
        if (a < 10) out += '0';
        out += std::to_string(a);
    }
    return out;
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Strings as text (UTF-8 checked)
// -----------------------------------------------------------------------------------------------

namespace {

// How many bytes from s[i] form one valid UTF-8 sequence (RFC 3629: no overlong forms, no
// surrogates, nothing past U+10FFFF), or 0 when they do not; then `prefix` is how many bytes
// formed the start of one before it went wrong (0 when s[i] cannot start one).
std::size_t utf8_sequence(std::string_view s, std::size_t i, std::size_t& prefix)
{
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = b(i);
    prefix = 0;
    if (c < 0x80) return 1;
    std::size_t len;
    unsigned char lo = 0x80, hi = 0xBF; // the second byte's range
    if (c >= 0xC2 && c <= 0xDF)
        len = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else
        return 0;
    prefix = 1;
    for (std::size_t k = 1; k < len; ++k) {
        if (i + k >= s.size()) return 0;
        const unsigned char x = b(i + k);
        if (k == 1 ? (x < lo || x > hi) : (x < 0x80 || x > 0xBF)) return 0;
        ++prefix;
    }
    return len;
}

const char kHex[] = "0123456789abcdef";

} // namespace

void append_quoted(std::string& out, std::string_view s, bool replace_invalid_utf8)
{
    out += '"';
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x80) {
            std::size_t prefix;
            if (const std::size_t len = utf8_sequence(s, i, prefix)) {
                out.append(s, i, len);
                i += len;
                continue;
            }
            if (!replace_invalid_utf8) {
                const std::size_t bad = i + prefix < s.size() ? i + prefix : i;
                throw std::runtime_error("a string to write as JSON is not UTF-8: byte " + std::to_string(bad) +
                                         " is 0x" + kHex[static_cast<unsigned char>(s[bad]) >> 4] +
                                         kHex[static_cast<unsigned char>(s[bad]) & 15]);
            }
            // One U+FFFD for the bytes that began a sequence (or the one stray byte); the byte
            // that broke the sequence is read again, since it may start a good one.
            out += "\xEF\xBF\xBD";
            i += prefix ? prefix : 1;
            continue;
        }
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                out += "\\u00";
                out += kHex[c >> 4];
                out += kHex[c & 15];
            } else
                out += char(c);
        }
        ++i;
    }
    out += '"';
}

// -----------------------------------------------------------------------------------------------
// [SECTION] dump
// -----------------------------------------------------------------------------------------------

std::string Value::dump(int indent, bool replace_invalid_utf8) const
{
    std::string out;
    dump_to(out, indent, 0, replace_invalid_utf8);
    return out;
}

void Value::dump_to(std::string& out, int indent, int level, bool replace) const
{
    const auto newline = [&](int at) {
        if (indent < 0) return;
        out += '\n';
        out.append(std::size_t(indent) * std::size_t(at), ' ');
    };
    char buf[24];
    switch (type_) {
    case Type::null: out += "null"; break;
    case Type::boolean: out += b_ ? "true" : "false"; break;
    case Type::integer: out.append(buf, std::to_chars(buf, buf + sizeof buf, i_).ptr); break;
    case Type::unsigned_integer: out.append(buf, std::to_chars(buf, buf + sizeof buf, u_).ptr); break;
    case Type::floating: out += format_double(d_); break;
    case Type::string: append_quoted(out, *s_, replace); break;
    case Type::array:
        if (a_->empty()) {
            out += "[]";
            break;
        }
        out += '[';
        for (std::size_t i = 0; i < a_->size(); ++i) {
            if (i) out += ',';
            newline(level + 1);
            (*a_)[i].dump_to(out, indent, level + 1, replace);
        }
        newline(level);
        out += ']';
        break;
    case Type::object:
        if (o_->empty()) {
            out += "{}";
            break;
        }
        out += '{';
        for (std::size_t i = 0; i < o_->size(); ++i) {
            if (i) out += ',';
            newline(level + 1);
            append_quoted(out, (*o_)[i].first, replace);
            out += indent < 0 ? ":" : ": ";
            (*o_)[i].second.dump_to(out, indent, level + 1, replace);
        }
        newline(level);
        out += '}';
        break;
    }
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Parser
// -----------------------------------------------------------------------------------------------

namespace {

// Recursive descent over the text, bounded by max_depth. Positions in messages are 1-based line
// and byte column, worked out only when there is a message to write.
class Parser {
public:
    Parser(std::string_view text, const ParseOptions& options) : s_(text), opt_(options) {}

    Value run()
    {
        if (s_.size() >= 1 && static_cast<unsigned char>(s_[0]) == 0xEF) { // a UTF-8 byte order mark
            if (s_.size() >= 3 && static_cast<unsigned char>(s_[1]) == 0xBB &&
                static_cast<unsigned char>(s_[2]) == 0xBF)
                i_ = 3;
            else
                fail("invalid byte order mark; expected a value");
        }
        Value v = value(0);
        skip_space();
        if (!at_end()) fail(found() + "; expected the end of the text after the value");
        return v;
    }

private:
    // A NUL byte where a token would start ends the text, as it did for nlohmann/json.
    bool at_end() const { return i_ >= s_.size() || s_[i_] == '\0'; }
    char peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }

    void skip_space()
    {
        while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
    }

    [[noreturn]] void fail(const std::string& what, ParseError::Kind kind = ParseError::Kind::syntax)
    {
        throw make_error(what, kind, i_);
    }

    ParseError make_error(const std::string& what, ParseError::Kind kind, std::size_t at) const
    {
        std::size_t line = 1, line_start = 0;
        for (std::size_t k = 0; k < at && k < s_.size(); ++k)
            if (s_[k] == '\n') {
                ++line;
                line_start = k + 1;
            }
        const std::size_t column = at - line_start + 1;
        return ParseError(kind, line, column,
                          "syntax error at line " + std::to_string(line) + ", column " + std::to_string(column) + ": " +
                              what);
    }

    // What stands at the current position, for "unexpected …".
    std::string found() const
    {
        if (at_end()) return "unexpected end of input";
        const auto c = static_cast<unsigned char>(s_[i_]);
        if (c >= 0x21 && c < 0x7F) return std::string("unexpected '") + char(c) + "'";
        return std::string("unexpected byte 0x") + kHex[c >> 4] + kHex[c & 15];
    }

    Value value(std::size_t depth)
    {
        skip_space();
        if (at_end()) fail("unexpected end of input; expected a value");
        switch (s_[i_]) {
        case '{': return object(depth + 1);
        case '[': return array(depth + 1);
        case '"': return Value(string());
        case 't': literal("true"); return Value(true);
        case 'f': literal("false"); return Value(false);
        case 'n': literal("null"); return Value();
        default:
            if (s_[i_] == '-' || (s_[i_] >= '0' && s_[i_] <= '9')) return number();
            fail(found() + "; expected a value (an object, list, string, number, true, false or null)");
        }
    }

    void literal(std::string_view word)
    {
        if (s_.substr(i_, word.size()) != word) fail("invalid literal; expected " + std::string(word));
        i_ += word.size();
    }

    void enter(std::size_t depth)
    {
        if (depth > opt_.max_depth)
            fail("lists and objects nest more than " + std::to_string(opt_.max_depth) +
                     " levels deep (gradflow's configs and requests need a handful): is this the right file?",
                 ParseError::Kind::too_deep);
    }

    Value array(std::size_t depth)
    {
        enter(depth);
        ++i_; // '['
        Array a;
        if (opt_.refuse_duplicate_keys) path_.push_back(ParseError::Step{false, {}, 0});
        skip_space();
        if (peek() == ']') {
            ++i_;
        } else {
            for (;;) {
                if (opt_.refuse_duplicate_keys) path_.back().index = a.size();
                a.push_back(value(depth));
                skip_space();
                if (peek() == ',') {
                    ++i_;
                    continue;
                }
                if (peek() == ']') {
                    ++i_;
                    break;
                }
                fail(found() + "; expected ',' or ']' in a list");
            }
        }
        if (opt_.refuse_duplicate_keys) path_.pop_back();
        return Value::array(std::move(a));
    }

    Value object(std::size_t depth)
    {
        enter(depth);
        ++i_; // '{'
        Object o;
        std::unordered_set<std::string> seen; // refuse_duplicate_keys: the keys so far
        if (opt_.refuse_duplicate_keys) path_.push_back(ParseError::Step{true, {}, 0});
        skip_space();
        if (peek() == '}') {
            ++i_;
        } else {
            for (;;) {
                skip_space();
                if (peek() != '"') fail(found() + "; expected a key (a string in double quotes)");
                const std::size_t key_at = i_;
                std::string key = string();
                if (opt_.refuse_duplicate_keys) {
                    if (!seen.insert(key).second) {
                        ParseError e =
                            make_error("a key appears twice in one object", ParseError::Kind::duplicate_key, key_at);
                        e.key = key;
                        e.path.assign(path_.begin(), path_.end() - 1);
                        throw e;
                    }
                    path_.back().key = key;
                }
                skip_space();
                if (peek() != ':') fail(found() + "; expected ':' after the key");
                ++i_;
                Value v = value(depth);
                o.emplace_back(std::move(key), std::move(v));
                skip_space();
                if (peek() == ',') {
                    ++i_;
                    continue;
                }
                if (peek() == '}') {
                    ++i_;
                    break;
                }
                fail(found() + "; expected ',' or '}' in an object");
            }
        }
        if (opt_.refuse_duplicate_keys) path_.pop_back();
        // Sorted like a std::map; of two equal keys the last counts (the stable sort keeps them
        // in text order, and the last of each run is kept).
        std::stable_sort(o.begin(), o.end(), [](const Member& a, const Member& b) { return a.first < b.first; });
        std::size_t kept = 0;
        for (std::size_t k = 0; k < o.size(); ++k) {
            if (k + 1 < o.size() && o[k + 1].first == o[k].first) continue;
            if (kept != k) o[kept] = std::move(o[k]);
            ++kept;
        }
        o.resize(kept);
        return Value::object(std::move(o), Order::sorted);
    }

    static int hex_digit(char c)
    {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    // The four hex digits after "\u" at i_ (i_ moves past them).
    unsigned hex4()
    {
        unsigned v = 0;
        for (int k = 0; k < 4; ++k) {
            const int d = i_ < s_.size() ? hex_digit(s_[i_]) : -1;
            if (d < 0) fail("invalid string: '\\u' must be followed by 4 hex digits");
            v = v * 16 + unsigned(d);
            ++i_;
        }
        return v;
    }

    static void append_utf8(std::string& out, unsigned cp)
    {
        if (cp < 0x80)
            out += char(cp);
        else if (cp < 0x800) {
            out += char(0xC0 | (cp >> 6));
            out += char(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += char(0xE0 | (cp >> 12));
            out += char(0x80 | ((cp >> 6) & 0x3F));
            out += char(0x80 | (cp & 0x3F));
        } else {
            out += char(0xF0 | (cp >> 18));
            out += char(0x80 | ((cp >> 12) & 0x3F));
            out += char(0x80 | ((cp >> 6) & 0x3F));
            out += char(0x80 | (cp & 0x3F));
        }
    }

    std::string string()
    {
        ++i_; // '"'
        std::string out;
        for (;;) {
            if (i_ >= s_.size()) fail("invalid string: missing closing quote");
            const auto c = static_cast<unsigned char>(s_[i_]);
            if (c == '"') {
                ++i_;
                return out;
            }
            if (c < 0x20)
                fail(std::string("invalid string: control character U+00") + kHex[c >> 4] + kHex[c & 15] +
                     " must be escaped");
            if (c == '\\') {
                ++i_;
                const char e = peek();
                ++i_;
                switch (e) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    unsigned cp = hex4();
                    if (cp >= 0xDC00 && cp <= 0xDFFF)
                        fail("invalid string: surrogate U+DC00..U+DFFF must follow U+D800..U+DBFF");
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        if (s_.substr(i_, 2) != "\\u")
                            fail("invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF");
                        i_ += 2;
                        const unsigned lo = hex4();
                        if (lo < 0xDC00 || lo > 0xDFFF)
                            fail("invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF");
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    }
                    append_utf8(out, cp);
                    break;
                }
                default: --i_; fail("invalid string: forbidden character after backslash");
                }
                continue;
            }
            if (c >= 0x80) {
                std::size_t prefix;
                const std::size_t len = utf8_sequence(s_, i_, prefix);
                if (!len) {
                    i_ += prefix;
                    fail("invalid string: ill-formed UTF-8 byte");
                }
                out.append(s_, i_, len);
                i_ += len;
                continue;
            }
            // A run of plain bytes at once.
            std::size_t j = i_ + 1;
            while (j < s_.size()) {
                const auto d = static_cast<unsigned char>(s_[j]);
                if (d == '"' || d == '\\' || d < 0x20 || d >= 0x80) break;
                ++j;
            }
            out.append(s_, i_, j - i_);
            i_ = j;
        }
    }

    bool digit() const { return i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9'; }

    Value number()
    {
        const std::size_t start = i_;
        const bool negative = s_[i_] == '-';
        if (negative) ++i_;
        if (!digit()) fail("invalid number; expected a digit after '-'");
        if (s_[i_] == '0')
            ++i_; // no leading zeros: "01" ends at the 0
        else
            while (digit()) ++i_;
        bool whole = true;
        if (peek() == '.') {
            ++i_;
            if (!digit()) fail("invalid number; expected a digit after '.'");
            while (digit()) ++i_;
            whole = false;
        }
        if (peek() == 'e' || peek() == 'E') {
            ++i_;
            if (peek() == '+' || peek() == '-') ++i_;
            if (!digit()) fail("invalid number; expected a digit in the exponent");
            while (digit()) ++i_;
            whole = false;
        }
        const std::string_view text = s_.substr(start, i_ - start);
        if (whole) {
            // Integers stay integers while they fit 64 bits (signed when negative).
            if (negative) {
                std::int64_t v;
                auto r = std::from_chars(text.data(), text.data() + text.size(), v);
                if (r.ec == std::errc() && r.ptr == text.data() + text.size()) return Value(static_cast<long long>(v));
            } else {
                std::uint64_t v;
                auto r = std::from_chars(text.data(), text.data() + text.size(), v);
                if (r.ec == std::errc() && r.ptr == text.data() + text.size())
                    return Value(static_cast<unsigned long long>(v));
            }
        }
        const double d = read_double(std::string(text));
        if (!std::isfinite(d)) {
            i_ = start;
            fail("the number " + std::string(text.substr(0, 40)) + (text.size() > 40 ? "…" : "") +
                     " is too large for a double",
                 ParseError::Kind::number_too_large);
        }
        return Value(d);
    }

    std::string_view s_;
    const ParseOptions& opt_;
    std::size_t i_ = 0;
    std::vector<ParseError::Step> path_; // refuse_duplicate_keys: where each open container is
};

} // namespace

Value parse(std::string_view text, const ParseOptions& options) { return Parser(text, options).run(); }

bool try_parse(std::string_view text, Value& out, std::string* why, const ParseOptions& options)
{
    try {
        out = Parser(text, options).run();
        return true;
    } catch (const ParseError& e) {
        if (why) *why = e.what();
        return false;
    }
}

} // namespace gf::json
