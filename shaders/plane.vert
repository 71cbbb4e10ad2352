// The input plane's forward pass, vertex stage: one triangle that covers the n×n render target.
// The `#version` line and precision are prepended at run time (src/platform/plane_gl.cpp), so this
// one body serves OpenGL 3.3 core and WebGL2.
void main()
{
    // gl_VertexID 0, 1, 2 -> (-1, -1), (3, -1), (-1, 3): no vertex buffer needed.
    vec2 p = vec2(float((gl_VertexID & 1) * 4 - 1), float((gl_VertexID >> 1) * 4 - 1));
    gl_Position = vec4(p, 0.0, 1.0);
}
