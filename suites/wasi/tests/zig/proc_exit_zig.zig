//! proc_exit_zig (Zig std): std.process.exit(9) ends the process with
//! status 9 (witx proc_exit: "The exit code returned by the process"), and
//! output flushed before it is kept; code after it never runs.
const std = @import("std");
const Io = std.Io;

var out_buf: [256]u8 = undefined;

pub fn main(init: std.process.Init) !void {
    const io = init.io;
    var fw: Io.File.Writer = .initStreaming(.stdout(), io, &out_buf);
    const out = &fw.interface;
    try out.print("before exit\n", .{});
    try out.flush();
    std.process.exit(9);
}
