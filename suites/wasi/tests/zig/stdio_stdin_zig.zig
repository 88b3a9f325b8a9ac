//! stdio_stdin_zig (Zig std): a streaming File.Reader on stdin reads every
//! byte the runner fed through the pipe, line by line, until end of input
//! (fd_read returning 0; POSIX read on a pipe with no writer: 0,
//! end-of-file), including a last line without a newline.
const std = @import("std");
const Io = std.Io;

var out_buf: [4096]u8 = undefined;
var in_buf: [256]u8 = undefined;

pub fn main(init: std.process.Init) !void {
    const io = init.io;
    var fw: Io.File.Writer = .initStreaming(.stdout(), io, &out_buf);
    const out = &fw.interface;
    defer out.flush() catch {};
    var fr: Io.File.Reader = .initStreaming(.stdin(), io, &in_buf);
    const in = &fr.interface;
    var lines: usize = 0;
    var bytes: usize = 0;
    while (in.takeDelimiter('\n')) |maybe| {
        const line = maybe orelse break;
        lines += 1;
        bytes += line.len;
        try out.print("{d}: {s} ({d})\n", .{ lines, line, line.len });
    } else |err| return err;
    try out.print("lines: {d}, bytes without newlines: {d}\n", .{ lines, bytes });
}
