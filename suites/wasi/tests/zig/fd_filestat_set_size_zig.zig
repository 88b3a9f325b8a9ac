//! fd_filestat_set_size_zig (Zig std): File.setLength (fd_filestat_set_size)
//! shrinks and extends; File.length reads the size back; the extended part
//! reads as zeros (POSIX ftruncate: "the extended area shall appear as if
//! it were zero-filled"). On a file opened read-only it must fail: POSIX
//! ftruncate allows EBADF or EINVAL ("The fildes argument is not a file
//! descriptor open for writing"; Zig maps EINVAL to NonResizable and
//! treats EBADF as a bug) and the rights model ENOTCAPABLE (AccessDenied),
//! all printed "refused".
const std = @import("std");
const Io = std.Io;

var out_buf: [4096]u8 = undefined;

pub fn main(init: std.process.Init) !void {
    const io = init.io;
    const arena = init.arena.allocator();
    var fw: Io.File.Writer = .initStreaming(.stdout(), io, &out_buf);
    const out = &fw.interface;
    defer out.flush() catch {};
    const root = (init.preopens.get("fs.dir") orelse return error.NoPreopen).dir;

    const f = try root.openFile(io, "hello.txt", .{ .mode = .read_write });
    try f.setLength(io, 5);
    try out.print("after setLength(5): {d}\n", .{try f.length(io)});
    try f.setLength(io, 9);
    try out.print("after setLength(9): {d}\n", .{try f.length(io)});
    f.close(io);
    const data = try root.readFileAlloc(io, "hello.txt", arena, .limited(64));
    try out.print("content:", .{});
    for (data) |c| try out.print(" {x:0>2}", .{c});
    try out.print("\n", .{});
    const r = try root.openFile(io, "sub/a.txt", .{});
    if (r.setLength(io, 0)) |_| {
        try out.print("setLength on a read-only file: ok\n", .{});
    } else |err| try out.print("setLength on a read-only file: {s}\n", .{if (err == error.AccessDenied or err == error.NonResizable) "refused" else @errorName(err)});
}
