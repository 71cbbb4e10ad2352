// gf::json against RFC 8259 and against values worked out independently of it: strtod reading
// its numbers back, escapes and UTF-8 bytes written out by hand, nesting and duplicate keys.
#include "core/json.hpp"

#include <catch2/catch.hpp>

#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

using Catch::Matchers::Contains;
using gf::json::ParseError;
using gf::json::Value;

namespace {

bool parses(const std::string& text)
{
    Value v;
    return gf::json::try_parse(text, v);
}

ParseError error_of(const std::string& text, const gf::json::ParseOptions& options = {})
{
    try {
        (void)gf::json::parse(text, options);
    } catch (const ParseError& e) {
        return e;
    }
    FAIL("accepted: " << text.substr(0, 80));
    throw; // not reached
}

// Significant digits in a number as written ("-1.25e-07" has 3).
int significant_digits(const std::string& s)
{
    std::string digits;
    for (char c : s) {
        if (c == 'e') break;
        if (c >= '0' && c <= '9') digits += c;
    }
    const auto first = digits.find_first_not_of('0');
    if (first == std::string::npos) return 1;
    digits = digits.substr(first);
    while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
    return int(digits.size());
}

} // namespace

TEST_CASE("json: RFC 8259's examples (section 13) parse to what they say", "[json]")
{
    const Value image = gf::json::parse(R"({
        "Image": {
            "Width":  800,
            "Height": 600,
            "Title":  "View from 15th Floor",
            "Thumbnail": {
                "Url":    "http://www.example.com/image/481989943",
                "Height": 125,
                "Width":  100
            },
            "Animated" : false,
            "IDs": [116, 943, 234, 38793]
          }
      })");
    const Value& i = image["Image"];
    CHECK(i["Width"].as_int64() == 800);
    CHECK(i["Title"].as_string() == "View from 15th Floor");
    CHECK(i["Thumbnail"]["Url"].as_string() == "http://www.example.com/image/481989943");
    CHECK(i["Animated"].is_boolean());
    CHECK_FALSE(i["Animated"].as_bool());
    REQUIRE(i["IDs"].size() == 4);
    CHECK(i["IDs"][3].as_int64() == 38793);

    const Value places = gf::json::parse(R"([
        {"precision": "zip", "Latitude": 37.7668, "Longitude": -122.3959, "Address": "",
         "City": "SAN FRANCISCO", "State": "CA", "Zip": "94107", "Country": "US"},
        {"precision": "zip", "Latitude": 37.371991, "Longitude": -122.026020, "Address": "",
         "City": "SUNNYVALE", "State": "CA", "Zip": "94085", "Country": "US"}])");
    REQUIRE(places.size() == 2);
    CHECK(places[1]["Longitude"].as_double() == std::strtod("-122.026020", nullptr));
    CHECK(places[0]["Address"].as_string().empty());
    // Section 13's small texts: a bare string, number or literal is a JSON text too.
    CHECK(gf::json::parse(R"("Hello world!")").as_string() == "Hello world!");
    CHECK(gf::json::parse("42").as_int64() == 42);
    CHECK(gf::json::parse("true").as_bool());
    CHECK(gf::json::parse(" \t\r\nnull \n").is_null());
}

TEST_CASE("json: the grammar is strict", "[json]")
{
    for (const char* bad : {"",        " ",           "01",        "-01",   "1.",       ".5",        "+1",   "-",
                            "1e",      "1e+",         "0x10",      "NaN",   "Infinity", "-Infinity", "[1,]", "[,1]",
                            "[1 2]",   "{\"a\":1,}",  "{\"a\" 1}", "{a:1}", "{'a':1}",  "'a'",       "nul",  "tru",
                            "True",    "[",           "{",         "\"abc", "[1]]",     "{}{}",      "1 2",  "\"\t\"",
                            "\"\\x\"", "\"\\U0041\"", "\"\\u12\"", "//\n1", "/*x*/1",   "[1,\n2,\n]"}) {
        INFO(bad);
        CHECK_FALSE(parses(bad));
    }
    for (const char* good : {"0", "-0", "1e5", "1E5", "1e+5", "1e-5", "-1.5e-5", "0.0", "[]", "{}", "[[]]", "{\"\":0}",
                             "\"\"", " [ 1 , 2 ] ", "\"\\/\""}) {
        INFO(good);
        CHECK(parses(good));
    }
}

TEST_CASE("json: errors give the line and column of the offending byte", "[json]")
{
    const ParseError e = error_of("{\n  \"a\": tru\n}");
    CHECK(e.kind == ParseError::Kind::syntax);
    CHECK(e.line == 2);
    CHECK(e.column == 8);
    CHECK_THAT(e.what(), Contains("line 2, column 8"));
    const ParseError f = error_of("[1, 2,\n\n  ]");
    CHECK(f.line == 3);
    CHECK(f.column == 3);
    CHECK_THAT(f.what(), Contains("unexpected ']'"));
}

TEST_CASE("json: every cut-short prefix of a document is refused", "[json]")
{
    const std::string doc = R"({"layers": [4, 4, 2], "name": "caf\u00e9 \ud83d\ude00", "x": [-1.5e-3, true, null]})";
    REQUIRE(parses(doc));
    for (std::size_t n = 0; n < doc.size(); ++n) {
        INFO(doc.substr(0, n));
        CHECK_FALSE(parses(doc.substr(0, n)));
    }
}

TEST_CASE("json: integers stay integers while they fit 64 bits", "[json]")
{
    const Value u = gf::json::parse("18446744073709551615");
    CHECK(u.is_number_unsigned());
    CHECK(u.as_uint64() == 18446744073709551615ull);
    const Value n = gf::json::parse("-9223372036854775808");
    CHECK(n.is_number_integer());
    CHECK_FALSE(n.is_number_unsigned());
    CHECK(n.as_int64() == INT64_MIN);
    // One past each: a double, as strtod reads it.
    const Value big = gf::json::parse("18446744073709551616");
    CHECK(big.is_number_float());
    CHECK(big.as_double() == 18446744073709551616.0);
    CHECK(gf::json::parse("-9223372036854775809").is_number_float());
    CHECK(gf::json::parse("7").is_number_unsigned());
    CHECK(gf::json::parse("-7").as_int64() == -7);
    CHECK(gf::json::parse("1.0").is_number_float());
    CHECK(gf::json::parse("1e2").is_number_float());
    CHECK(gf::json::parse("-0").as_int64() == 0);
    CHECK(std::signbit(gf::json::parse("-0.0").as_double()));
    // Too large for a double: refused, not read as infinity; too small: zero, as strtod gives.
    CHECK(error_of("[1, 1e400]").kind == ParseError::Kind::number_too_large);
    CHECK(error_of("-1e309").kind == ParseError::Kind::number_too_large);
    CHECK(gf::json::parse("1e-400").as_double() == 0.0);
    CHECK(gf::json::parse("4.9e-324").as_double() == std::strtod("4.9e-324", nullptr));
}

TEST_CASE("json: doubles are written as the shortest text strtod reads back to the same bits", "[json]")
{
    std::mt19937_64 rng(20261206);
    std::uniform_real_distribution<double> unit(-1, 1);
    for (int i = 0; i < 200000; ++i) {
        double d;
        if (i % 2) {
            const std::uint64_t bits = rng();
            std::memcpy(&d, &bits, sizeof d);
            if (!std::isfinite(d)) continue;
        } else
            d = unit(rng) * std::pow(10.0, double(int(rng() % 40) - 20));
        const std::string s = gf::json::format_double(d);
        INFO(s);
        REQUIRE(std::strtod(s.c_str(), nullptr) == d);
        // Shortest: one significant digit fewer does not read back.
        const int k = significant_digits(s);
        if (k > 1) {
            char shorter[40];
            std::snprintf(shorter, sizeof shorter, "%.*e", k - 2, d);
            REQUIRE(std::strtod(shorter, nullptr) != d);
        }
    }
}

TEST_CASE("json: doubles are spelled as before (the share links' and CLI's text)", "[json]")
{
    // nlohmann/json's spelling, which links and the README show: plain notation from 1e-4 up to
    // below 1e15 (a whole number keeps ".0"), otherwise d.ddde±XX with two exponent digits or more.
    const std::pair<double, const char*> cases[] = {
        {0.1, "0.1"},
        {1000000.0, "1000000.0"},
        {1e-07, "1e-07"},
        {1e-05, "1e-05"},
        {0.0001, "0.0001"},
        {0.00012, "0.00012"},
        {1e14, "100000000000000.0"},
        {1e15, "1e+15"},
        {1.5e300, "1.5e+300"},
        {-2.5e-100, "-2.5e-100"},
        {123.456, "123.456"},
        {0.0, "0.0"},
        {-0.0, "-0.0"},
        {1.0 / 3.0, "0.3333333333333333"},
        {0.09036936170827092, "0.09036936170827092"}, // the seed's loss (README)
        {5e-324, "5e-324"},
        {DBL_MAX, "1.7976931348623157e+308"},
        {2.2250738585072014e-308, "2.2250738585072014e-308"},
    };
    for (const auto& [d, text] : cases) {
        INFO(text);
        CHECK(gf::json::format_double(d) == text);
        CHECK(Value(d).dump() == text);
    }
    CHECK(Value(std::nan("")).dump() == "null");
    CHECK(Value(-HUGE_VAL).dump() == "null");
}

TEST_CASE("json: escapes and UTF-8", "[json]")
{
    CHECK(gf::json::parse(R"("\"\\\/\b\f\n\r\t")").as_string() == "\"\\/\b\f\n\r\t");
    CHECK(gf::json::parse(R"("\u00e9\u00E9")").as_string() == "\xC3\xA9\xC3\xA9");
    CHECK(gf::json::parse(R"("\u20ac")").as_string() == "\xE2\x82\xAC");
    CHECK(gf::json::parse(R"("\ud83d\ude00")").as_string() == "\xF0\x9F\x98\x80"); // a surrogate pair
    CHECK(gf::json::parse(R"("a\u0000b")").as_string() == std::string("a\0b", 3));
    CHECK(gf::json::parse("\"\xF0\x9F\x98\x80 \xE2\x88\x82\"").as_string() == "\xF0\x9F\x98\x80 \xE2\x88\x82");
    for (const char* bad : {R"("\ud83d")", R"("\ude00")", R"("\ud83d\u0041")", R"("\ud83dx")"}) {
        INFO(bad);
        CHECK_FALSE(parses(bad));
    }
    // Ill-formed UTF-8 (RFC 3629): a stray continuation, overlong forms, a UTF-16 surrogate, past
    // U+10FFFF, cut short.
    for (const char* bad : {"\"\x80\"", "\"\xC0\xAF\"", "\"\xE0\x80\xAF\"", "\"\xED\xA0\x80\"", "\"\xF4\x90\x80\x80\"",
                            "\"\xF5\x80\x80\x80\"", "\"\xE2\x82\"", "\"\xFF\""}) {
        INFO(bad);
        CHECK_FALSE(parses(bad));
    }

    CHECK(Value("\"\\/\b\f\n\r\t").dump() == R"("\"\\/\b\f\n\r\t")");
    CHECK(Value(std::string("\x01\x1F\x7F", 3)).dump() == "\"\\u0001\\u001f\x7F\"");
    CHECK(Value("caf\xC3\xA9").dump() == "\"caf\xC3\xA9\""); // UTF-8 is written as it is
    // Not UTF-8: a throw, or with replacement one U+FFFD per broken sequence, the byte that broke
    // it read again.
    CHECK_THROWS(Value("a\x80").dump());
    CHECK(Value("a\x80z").dump(-1, true) == "\"a\xEF\xBF\xBDz\"");
    CHECK(Value("a\xE2\x82z").dump(-1, true) == "\"a\xEF\xBF\xBDz\"");
    CHECK(Value("a\xE2\x82").dump(-1, true) == "\"a\xEF\xBF\xBD\"");
    CHECK(Value("\xC3\xC3\xA9").dump(-1, true) == "\"\xEF\xBF\xBD\xC3\xA9\"");
}

TEST_CASE("json: nesting is bounded, so hostile text cannot exhaust the stack", "[json]")
{
    const std::string ok = std::string(256, '[') + std::string(256, ']');
    CHECK(gf::json::parse(ok).is_array());
    const ParseError e = error_of(std::string(257, '[') + std::string(257, ']'));
    CHECK(e.kind == ParseError::Kind::too_deep);
    CHECK(e.column == 257);
    CHECK_THAT(e.what(), Contains("256"));
    CHECK(error_of(std::string(1000000, '[')).kind == ParseError::Kind::too_deep);
    std::string objects;
    for (int i = 0; i < 300; ++i) objects += "{\"a\":";
    CHECK(error_of(objects).kind == ParseError::Kind::too_deep);
    gf::json::ParseOptions shallow;
    shallow.max_depth = 2;
    CHECK_NOTHROW(gf::json::parse("[[1]]", shallow));
    CHECK(error_of("[[[1]]]", shallow).kind == ParseError::Kind::too_deep);
}

TEST_CASE("json: keys are sorted when parsed, kept in order when built, and duplicate keys", "[json]")
{
    const Value p = gf::json::parse(R"({"b": 1, "a": 2, "c": {"z": 0, "y": 1}})");
    CHECK(p.dump() == R"({"a":2,"b":1,"c":{"y":1,"z":0}})");
    Value built = Value::object();
    built["b"] = 1;
    built["a"] = Value::array({1.5, "x", nullptr, true});
    CHECK(built.dump() == R"({"b":1,"a":[1.5,"x",null,true]})");
    Value sorted = Value::object(gf::json::Order::sorted);
    sorted["b"] = 1;
    sorted["a"] = 2;
    sorted["b"] = 3;
    CHECK(sorted.dump() == R"({"a":2,"b":3})");

    // Two equal keys: the last counts, unless refused.
    CHECK(gf::json::parse(R"({"x": 1, "y": 2, "x": 3})").dump() == R"({"x":3,"y":2})");
    gf::json::ParseOptions strict;
    strict.refuse_duplicate_keys = true;
    const ParseError e = error_of(R"({"samples": [{"x": 1}, {"y": 2, "x": 3, "y": 4}]})", strict);
    CHECK(e.kind == ParseError::Kind::duplicate_key);
    CHECK(e.key == "y");
    REQUIRE(e.path.size() == 2);
    CHECK(e.path[0].is_key);
    CHECK(e.path[0].key == "samples");
    CHECK_FALSE(e.path[1].is_key);
    CHECK(e.path[1].index == 1);
    CHECK(error_of(R"({"a": 1, "a": 1})", strict).path.empty());
    CHECK_NOTHROW(gf::json::parse(R"([{"a": 1}, {"a": 2}])", strict));
}

TEST_CASE("json: indentation, a byte order mark and a NUL", "[json]")
{
    Value v = Value::object();
    v["a"] = Value::array({1, Value::array(), Value::object()});
    v["b"] = "t";
    CHECK(v.dump(2) == "{\n  \"a\": [\n    1,\n    [],\n    {}\n  ],\n  \"b\": \"t\"\n}");
    CHECK(v.dump(0) == "{\n\"a\": [\n1,\n[],\n{}\n],\n\"b\": \"t\"\n}");
    CHECK(v.dump() == R"({"a":[1,[],{}],"b":"t"})");
    CHECK(Value::array().dump(4) == "[]");

    CHECK(gf::json::parse("\xEF\xBB\xBF[1]").size() == 1); // a UTF-8 BOM before the text is skipped
    CHECK_FALSE(parses("\xEF\xBB[1]"));
    CHECK_FALSE(parses(" \xEF\xBB\xBF[1]"));
    // A NUL where a token would start ends the text (the config refuses NUL bytes beforehand).
    CHECK(gf::json::parse(std::string("[1]\0junk", 8)).size() == 1);
    CHECK_FALSE(parses(std::string("[1,\0]", 5)));
    CHECK_FALSE(parses(std::string("\"a\0\"", 4))); // inside a string it is a control character
}

TEST_CASE("json: values compare by content, numbers by value", "[json]")
{
    CHECK(gf::json::parse("7") == Value(7));
    CHECK(gf::json::parse("7.0") == Value(7));
    CHECK(gf::json::parse("-1") != gf::json::parse("18446744073709551615"));
    CHECK(gf::json::parse(R"({"a": [1, "x"]})") == gf::json::parse(R"({ "a" : [1.0, "x"] })"));
    CHECK(gf::json::parse(R"({"a": 1})") != gf::json::parse(R"({"b": 1})"));
    CHECK(Value("gradflow") != Value(1));
    CHECK(Value().size() == 0);
    CHECK(Value(3).size() == 1);
    CHECK(Value()["missing"].is_null());
    CHECK_THROWS_AS(Value(1).as_string(), gf::json::TypeError);
}
