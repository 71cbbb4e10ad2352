#include "embed/base64url.hpp"

#include <catch2/catch.hpp>

using namespace gf::embed;

TEST_CASE("base64url: RFC 4648 vectors, unpadded, and back")
{
    const char* plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
    const char* coded[] = {"", "Zg", "Zm8", "Zm9v", "Zm9vYg", "Zm9vYmE", "Zm9vYmFy"};
    for (int i = 0; i < 7; ++i) {
        CHECK(base64url_encode(plain[i]) == coded[i]);
        std::string err;
        CHECK(base64url_decode(coded[i], err) == std::string(plain[i]));
    }
}

TEST_CASE("base64url: every byte value survives, url-safe alphabet")
{
    std::string all;
    for (int i = 0; i < 256; ++i) all += char(i);
    const std::string enc = base64url_encode(all);
    CHECK(enc.find_first_of("+/=") == std::string::npos);
    std::string err;
    CHECK(base64url_decode(enc, err) == all);
}

TEST_CASE("base64url: padding and the standard alphabet are tolerated")
{
    std::string err;
    CHECK(base64url_decode("Zm8=", err) == std::string("fo"));
    CHECK(base64url_decode("Zg==", err) == std::string("f"));
    // "-_8" is 62, 63, 60: the bits 111110 111111 111100 are the bytes 0xFB 0xFF (and 2 zero bits);
    // '+' and '/' are the standard alphabet's 62 and 63.
    const std::string fb_ff("\xFB\xFF", 2);
    CHECK(base64url_decode("-_8", err) == fb_ff);
    CHECK(base64url_decode("+/8", err) == fb_ff);
}

TEST_CASE("base64url: bad input names what was wrong")
{
    std::string err;
    CHECK_FALSE(base64url_decode("Zm9v!A", err));
    CHECK(err.find("'!' at position 5") != std::string::npos);
    CHECK_FALSE(base64url_decode("Zm9vY", err)); // 5 characters cannot be base64
    CHECK(err.find("cut off") != std::string::npos);
    CHECK_FALSE(base64url_decode("Zg=", err));
    CHECK_FALSE(base64url_decode(std::string("Zm\x01v", 4), err));
    CHECK(err.find("byte 0x01") != std::string::npos);
}
