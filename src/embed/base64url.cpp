#include "embed/base64url.hpp"

#include <array>
#include <cstdint>

namespace gf::embed {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

constexpr std::array<std::int8_t, 256> make_table()
{
    std::array<std::int8_t, 256> t{};
    for (auto& v : t) v = -1;
    for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(kAlphabet[i])] = std::int8_t(i);
    t[static_cast<unsigned char>('+')] = 62; // standard base64, tolerated
    t[static_cast<unsigned char>('/')] = 63;
    return t;
}
constexpr auto kTable = make_table();

std::string describe(char c)
{
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x21 && u < 0x7f) return std::string("'") + c + "'";
    static const char hex[] = "0123456789ABCDEF";
    return std::string("byte 0x") + hex[u >> 4] + hex[u & 15];
}

} // namespace

std::string base64url_encode(std::string_view bytes)
{
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const std::uint32_t v = std::uint32_t(static_cast<unsigned char>(bytes[i])) << 16 |
                                std::uint32_t(static_cast<unsigned char>(bytes[i + 1])) << 8 |
                                std::uint32_t(static_cast<unsigned char>(bytes[i + 2]));
        out += kAlphabet[v >> 18 & 63];
        out += kAlphabet[v >> 12 & 63];
        out += kAlphabet[v >> 6 & 63];
        out += kAlphabet[v & 63];
    }
    const std::size_t rest = bytes.size() - i;
    if (rest > 0) {
        std::uint32_t v = std::uint32_t(static_cast<unsigned char>(bytes[i])) << 16;
        if (rest == 2) v |= std::uint32_t(static_cast<unsigned char>(bytes[i + 1])) << 8;
        out += kAlphabet[v >> 18 & 63];
        out += kAlphabet[v >> 12 & 63];
        if (rest == 2) out += kAlphabet[v >> 6 & 63];
    }
    return out;
}

std::optional<std::string> base64url_decode(std::string_view text, std::string& error)
{
    std::size_t n = text.size();
    std::size_t padding = 0;
    while (n > 0 && text[n - 1] == '=' && padding < 2) {
        --n;
        ++padding;
    }
    if (padding > 0 && (n + padding) % 4 != 0) {
        error = "the base64 padding ('=') does not fit its length";
        return std::nullopt;
    }
    if (n % 4 == 1) {
        error = "its length (" + std::to_string(n) + " characters) cannot be base64 — the link was probably cut off";
        return std::nullopt;
    }
    std::string out;
    out.reserve(n / 4 * 3 + 2);
    std::uint32_t acc = 0;
    int bits = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const std::int8_t v = kTable[static_cast<unsigned char>(text[i])];
        if (v < 0) {
            error = describe(text[i]) + " at position " + std::to_string(i + 1) + " is not a base64url character";
            return std::nullopt;
        }
        acc = (acc << 6) | std::uint32_t(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += char((acc >> bits) & 0xff);
        }
    }
    return out;
}

} // namespace gf::embed
