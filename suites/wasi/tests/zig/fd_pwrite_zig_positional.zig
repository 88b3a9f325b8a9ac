//! fd_pwrite_zig_positional (Zig std): File.writePositionalAll and
//! readPositionalAll (fd_pwrite, fd_pread) at offsets, including past the
//! end (the gap reads as zeros, POSIX pwrite/lseek); a positional read at
//! the end returns 0 bytes.
const std = @import("std");
const Io = std.Io;

var out_buf: [4096]u8 = undefined;

pub fn main(init: std.process.Init) !void {
    const io = init.io;
    var fw: Io.File.Writer = .initStreaming(.stdout(), io, &out_buf);
    const out = &fw.interface;
    defer out.flush() catch {};
    const root = (init.preopens.get("fs.dir") orelse return error.NoPreopen).dir;

    const f = try root.createFile(io, "pos.bin", .{ .read = true });
    try f.writePositionalAll(io, "abcdef", 0);
    try f.writePositionalAll(io, "XY", 2);
    try f.writePositionalAll(io, "end", 10);
    var buf: [32]u8 = undefined;
    const n = try f.readPositionalAll(io, &buf, 0);
    try out.print("readPositional 0: {d} bytes:", .{n});
    for (buf[0..n]) |c| try out.print(" {x:0>2}", .{c});
    try out.print("\n", .{});
    const m = try f.readPositionalAll(io, buf[0..4], 3);
    try out.print("readPositional 3: [{s}]\n", .{buf[0..m]});
    const e = try f.readPositionalAll(io, buf[0..4], 13);
    try out.print("readPositional at end: {d}\n", .{e});
    f.close(io);
}
