// The page draws everything with WebGL; it never blits an SDL_Surface. SDL2 still links its whole
// software blitter family (BlitNtoN*, SDL_RLEBlit, Blit1toN*, … ≈ 100 KB of wasm code, a fifth of
// SDL's) because SDL_MapSurface reaches them through SDL_CalculateBlit. Defining that one function
// here keeps the archive's SDL_blit.o (which defines nothing else) out of the link, and wasm-ld then
// drops every blitter as unreachable. A surface blit on the page fails with SDL's usual error
// instead. Web only (src/platform/CMakeLists.txt); the native app links SDL2 as it is.
#include <SDL.h>

extern "C" int SDL_CalculateBlit(SDL_Surface* /*surface*/)
{
    return SDL_SetError("Surface blits are not built into the gradflow page (it draws with WebGL only)");
}
