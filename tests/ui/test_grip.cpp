// A number field's grip (widgets.cpp): a drag scrubs the value on a decimal grid a hundredth of its
// leading power of ten, so values read as typed numbers, not as float noise.
#include "ui/state.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>

TEST_CASE("dragged_value: whole pixels of steps, read back as the decimal a person would type", "[ui][grip]")
{
    using gf::ui::dragged_value;
    CHECK(dragged_value(3.0, 30.0, 0.01) == 3.3); // 3 + 30 · 0.01 in doubles is 3.3000000000000003
    CHECK(dragged_value(3.0, 29.6, 0.01) == 3.3); // pixels round to whole steps
    CHECK(dragged_value(3.0, -310.0, 0.01) == -0.1);
    CHECK(dragged_value(0.5, 7.0, 0.001) == 0.507);
    CHECK(dragged_value(1e-4, 3.0, 1e-6) == 1.03e-4);
    CHECK(dragged_value(250.0, -12.0, 1.0) == 238.0);
    CHECK(dragged_value(2.0, 0.0, 0.01) == 2.0);
    for (int px = -500; px <= 500; px += 37) {
        const double v = dragged_value(0.1, px, 0.001);
        char shortest[32];
        std::snprintf(shortest, sizeof shortest, "%.3f", v);
        INFO(px << " px: " << v);
        CHECK(std::strtod(shortest, nullptr) == v); // at most three decimals, exactly
    }
}
