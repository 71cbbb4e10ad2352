// Glow pass, vertex stage. The `#version` line (and, for GLSL ES, a precision line) is prepended
// at run time by src/ui/glow.cpp, so this one body serves OpenGL 3.3 core and WebGL2.
uniform mat4 u_projection;   // ImGui's display rectangle -> clip space

in vec2 a_position;          // logical pixels, the same space as ImDrawList
in vec2 a_local;             // -1..1 across the dot's quad
in vec4 a_color;             // straight (not premultiplied) RGBA

out vec2 v_local;
out vec4 v_color;

void main()
{
    v_local = a_local;
    v_color = a_color;
    gl_Position = u_projection * vec4(a_position, 0.0, 1.0);
}
