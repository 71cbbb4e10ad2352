// gradflow's own JSON (RFC 8259): a value, a strict parser and a serializer — what the config,
// the reports, the embed API and the tutor use, and nothing more. It replaced nlohmann/json
// (~110 KB of the page's wasm) and keeps what the code and the tests relied on from it:
//   - numbers stay integer (signed or unsigned) or floating point as written; a whole number too
//     big for 64 bits is read as a double, one too big for a double is refused;
//   - a double is written as the shortest decimal that reads back to the same bits, in the same
//     spelling (1000000.0, 0.1, 1e-07, 1.5e+300);
//   - objects keep their keys in insertion order, or sorted (Order::sorted: what parse() gives,
//     as nlohmann::json's std::map did), and in parsed text the last of two equal keys counts
//     unless the parser is asked to refuse them;
//   - a UTF-8 BOM before the text is skipped, and a NUL byte where a token would start ends the
//     text (the config refuses NUL bytes itself, before parsing).
// New: nesting is bounded (ParseOptions::max_depth), so hostile text cannot exhaust the stack.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gf::json {

enum class Type : unsigned char { null, boolean, integer, unsigned_integer, floating, string, array, object };
enum class Order : unsigned char { insertion, sorted };

class Value;
using Array = std::vector<Value>;
using Member = std::pair<std::string, Value>;
using Object = std::vector<Member>;

// A value used as the wrong type (as_string() on a number, say): a programmer's mistake, since
// every caller checks is_*() first.
class TypeError : public std::logic_error {
public:
    using std::logic_error::logic_error;
};

class Value {
public:
    Value() noexcept : type_(Type::null) { u_ = 0; }
    Value(std::nullptr_t) noexcept : type_(Type::null) { u_ = 0; }
    Value(bool b) noexcept : type_(Type::boolean) { b_ = b; }
    Value(int i) noexcept : Value(static_cast<long long>(i)) {}
    Value(long i) noexcept : Value(static_cast<long long>(i)) {}
    Value(long long i) noexcept : type_(Type::integer) { i_ = i; }
    Value(unsigned u) noexcept : Value(static_cast<unsigned long long>(u)) {}
    Value(unsigned long u) noexcept : Value(static_cast<unsigned long long>(u)) {}
    Value(unsigned long long u) noexcept : type_(Type::unsigned_integer) { u_ = u; }
    Value(double d) noexcept : type_(Type::floating) { d_ = d; }
    Value(const char* s);
    Value(std::string_view s);
    Value(std::string s);
    template <class T>
    Value(const std::vector<T>& items) : Value(array())
    {
        auto& a = mutable_array();
        a.reserve(items.size());
        for (const T& x : items) a.emplace_back(x);
    }

    static Value array();
    static Value array(std::initializer_list<Value> items);
    static Value object(Order order = Order::insertion);
    static Value object(std::initializer_list<Member> members, Order order = Order::insertion);
    static Value array(Array items);
    // `members` must have unique keys, and be in byte order for Order::sorted.
    static Value object(Object members, Order order);

    Value(const Value& other);
    Value(Value&& other) noexcept;
    Value& operator=(const Value& other);
    Value& operator=(Value&& other) noexcept;
    ~Value();

    Type type() const { return type_; }
    bool is_null() const { return type_ == Type::null; }
    bool is_boolean() const { return type_ == Type::boolean; }
    bool is_number() const { return type_ == Type::integer || type_ == Type::unsigned_integer || is_number_float(); }
    bool is_number_integer() const { return type_ == Type::integer || type_ == Type::unsigned_integer; }
    bool is_number_unsigned() const { return type_ == Type::unsigned_integer; }
    bool is_number_float() const { return type_ == Type::floating; }
    bool is_string() const { return type_ == Type::string; }
    bool is_array() const { return type_ == Type::array; }
    bool is_object() const { return type_ == Type::object; }

    // Reading (TypeError when the type is wrong). Numbers convert between kinds as static_cast
    // would; whole-number reads of a double are for values already checked to be whole.
    bool as_bool() const;
    double as_double() const;
    std::int64_t as_int64() const;
    std::uint64_t as_uint64() const;
    int as_int() const { return static_cast<int>(as_int64()); }
    const std::string& as_string() const;

    // Elements of an array or members of an object (empty for anything else).
    const Array& elements() const;
    const Object& members() const;
    // Arrays and objects: how many; null: 0; anything else: 1.
    std::size_t size() const;
    bool empty() const { return size() == 0; }
    const Value& operator[](std::size_t i) const; // null when out of range or not an array
    const Value& operator[](std::size_t i) { return static_cast<const Value&>(*this)[i]; } // v[0] on a non-const v
    void push_back(Value v);                                                               // null becomes an array

    bool contains(std::string_view key) const { return find(key) != nullptr; }
    const Value* find(std::string_view key) const;       // nullptr when absent or not an object
    const Value& operator[](std::string_view key) const; // null when absent
    Value& operator[](std::string_view key);             // null becomes an object; a missing key is added

    // indent < 0: compact; otherwise one element per line, `indent` spaces a level. Strings that
    // are not valid UTF-8 throw std::runtime_error, or with replace_invalid_utf8 have each bad
    // sequence written as U+FFFD. NaN and infinities are written as null (JSON has no spelling
    // for them; callers that must not send null check for them first).
    std::string dump(int indent = -1, bool replace_invalid_utf8 = false) const;

    friend bool operator==(const Value& a, const Value& b);
    friend bool operator!=(const Value& a, const Value& b) { return !(a == b); }

private:
    Array& mutable_array();
    Object& mutable_object();
    void destroy() noexcept;
    void dump_to(std::string& out, int indent, int level, bool replace) const;

    Type type_;
    bool sorted_ = false; // objects: keys kept in byte order rather than insertion order
    union {
        bool b_;
        std::int64_t i_;
        std::uint64_t u_;
        double d_;
        std::string* s_;
        Array* a_;
        Object* o_;
    };
};

struct ParseOptions {
    bool refuse_duplicate_keys = false; // else the last of two equal keys in an object counts
    std::size_t max_depth = 256;        // arrays and objects open at once
};

class ParseError : public std::runtime_error {
public:
    enum class Kind { syntax, too_deep, number_too_large, duplicate_key };
    struct Step {    // one container on the way to a duplicate key
        bool is_key; // an object's member (key) or an array's element (index)
        std::string key;
        std::size_t index;
    };
    ParseError(Kind what, std::size_t at_line, std::size_t at_column, const std::string& message)
        : std::runtime_error(message), kind(what), line(at_line), column(at_column)
    {}
    Kind kind;
    std::size_t line, column; // 1-based; column counts bytes
    std::string key;          // duplicate_key: the repeated key
    std::vector<Step> path;   // duplicate_key: from the top to the object holding it
};

// Throws ParseError ("syntax error at line 1, column 5: ..."). The whole text must be one value.
Value parse(std::string_view text, const ParseOptions& options = {});
// The same without throwing: false (and `out` untouched) when the text is not JSON; `why`, when
// given, gets the message.
bool try_parse(std::string_view text, Value& out, std::string* why = nullptr, const ParseOptions& options = {});

// The shortest decimal that reads back (strtod) to the same double, spelled as dump() spells it:
// "0.1", "1000000.0", "1e-07", "-0.0". NaN and infinities: "null".
std::string format_double(double d);
// Appends s as a quoted JSON string.
void append_quoted(std::string& out, std::string_view s, bool replace_invalid_utf8 = false);

} // namespace gf::json
