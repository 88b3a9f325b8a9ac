//! path_open_zig_create_read (Zig std): Dir.createFile creates and
//! truncates (path_open CREAT|TRUNC), the buffered File.Writer writes and
//! flushes (fd_write), Dir.readFileAlloc reads back to EOF (fd_read);
//! createFile with .exclusive on an existing name fails (POSIX open
//! O_CREAT|O_EXCL: EEXIST, Zig's error.PathAlreadyExists); openFile of a
//! missing name fails (ENOENT, error.FileNotFound). The preopen is found
//! by name through std.process.Init.preopens, as Zig documents for WASI.
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

    var file = try root.createFile(io, "new.txt", .{});
    var wbuf: [64]u8 = undefined;
    var w = file.writer(io, &wbuf);
    try w.interface.print("line {d}\n", .{1});
    try w.interface.writeAll("line 2\n");
    try w.interface.flush();
    file.close(io);
    const data = try root.readFileAlloc(io, "new.txt", arena, .limited(1024));
    try out.print("new.txt: {d} bytes [{s}]\n", .{ data.len, data });

    file = try root.createFile(io, "hello.txt", .{});
    try file.writeStreamingAll(io, "replaced\n");
    file.close(io);
    const again = try root.readFileAlloc(io, "hello.txt", arena, .limited(1024));
    try out.print("hello.txt after createFile: [{s}]\n", .{again});

    if (root.createFile(io, "new.txt", .{ .exclusive = true })) |f| {
        f.close(io);
        try out.print("createFile exclusive existing: opened\n", .{});
    } else |err| try out.print("createFile exclusive existing: {s}\n", .{@errorName(err)});
    if (root.openFile(io, "missing.txt", .{})) |f| {
        f.close(io);
        try out.print("openFile missing: opened\n", .{});
    } else |err| try out.print("openFile missing: {s}\n", .{@errorName(err)});
}
